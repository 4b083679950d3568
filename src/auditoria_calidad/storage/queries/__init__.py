"""Named queries, one module per area of the office's work.

Every SQL statement of the application is built here: a query is a function that takes an
open `Session` (or `Connection`) and plain values and returns model objects, rows or
scalars. Services call these functions; they keep the use cases, the permission checks
and the transactions (`with db.sessions() as session:`), and never build a statement
themselves.
"""
