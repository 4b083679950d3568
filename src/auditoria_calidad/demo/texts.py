"""Spanish phrase banks for the demo-data generator.

Every text here is well-written Spanish with correct accents: the generator injects
spelling mistakes on purpose (see ``MISSPELLINGS``) and nowhere else. Placeholders in
braces are filled by ``generator`` from one context per record, so that the request and
its answer talk about the same university, amount or date.
"""

from __future__ import annotations


def _items(text: str) -> tuple[str, ...]:
    """Split a comma-separated list of short items (kept compact for readability)."""
    return tuple(item.strip() for item in text.split(","))


# --- People -------------------------------------------------------------------------

FEMALE_FIRST_NAMES = _items(
    "Laura, María, Ana, Diana, Paola, Carolina, Andrea, Natalia, Daniela, Valentina, "
    "Juliana, Camila, Luisa, Sandra, Claudia, Marcela, Fernanda, Alejandra, Catalina, "
    "Lorena, Yuliana, Sara, Mariana, Gloria, Martha, Isabel, Viviana, Adriana, Tatiana, "
    "Sofía, Ángela, Liliana, Johana"
)
MALE_FIRST_NAMES = _items(
    "Juan, Carlos, Andrés, Felipe, Santiago, Sebastián, David, Camilo, Luis, Jorge, José, "
    "Miguel, Diego, Daniel, Alejandro, Julián, Óscar, Fabián, Esteban, Mauricio, Ricardo, "
    "Hernán, Nicolás, Mateo, Samuel, Cristian, Germán, Álvaro, Fernando, Eduardo, Jaime, "
    "Gabriel, Iván"
)
SURNAMES = _items(
    "Gómez, Rodríguez, Martínez, García, López, González, Hernández, Pérez, Sánchez, "
    "Ramírez, Torres, Díaz, Rincón, Moreno, Rojas, Vargas, Castro, Ortiz, Jiménez, Suárez, "
    "Romero, Herrera, Medina, Aguilar, Quintero, Cárdenas, Ospina, Restrepo, Zapata, "
    "Arango, Valencia, Mejía, Giraldo, Londoño, Patiño, Salazar, Cortés, Osorio, Muñoz, "
    "Beltrán, Castañeda, Parra, Bermúdez, Cifuentes, Mosquera, Palacios, Córdoba, Acosta, "
    "Guerrero, Pineda, Sierra, Ruiz, Vásquez, Duarte, Forero, Benavides, Montoya, Henao, "
    "Ocampo, Buitrago"
)
RELATIVES: tuple[str, ...] = ("mamá", "papá", "tía", "tío", "hermana", "hermano", "abuela")

# --- Services and request types -------------------------------------------------------

# (label, weight in the virtual channel, weight in the chat channel)
SERVICES: tuple[tuple[str, int, int], ...] = (
    ("Crédito educativo", 20, 24),
    ("Renovación de crédito", 18, 20),
    ("Legalización", 12, 12),
    ("Extractos y pagos", 20, 22),
    ("Fondos en administración", 10, 8),
    ("Condonación", 8, 5),
    ("Becas internacionales", 5, 5),
    ("Certificados y paz y salvo", 7, 4),
)
REQUEST_TYPES: tuple[tuple[str, int, int], ...] = (
    ("Petición", 24, 12),
    ("Solicitud de información", 22, 40),
    ("Consulta", 16, 30),
    ("Reclamo", 12, 6),
    ("Queja", 8, 4),
    ("Solicitud de documentos", 10, 6),
    ("Sugerencia", 4, 1),
    ("Felicitación", 4, 1),
)

UNIVERSITIES = _items(
    "Universidad Nacional de Colombia, Universidad de Antioquia, Universidad del Valle, "
    "Universidad Industrial de Santander, Pontificia Universidad Javeriana, "
    "Universidad del Norte, Universidad Pedagógica Nacional, "
    "Universidad Tecnológica de Pereira, Universidad de Cartagena, Universidad del Cauca, "
    "Universidad Santo Tomás, Universidad Distrital Francisco José de Caldas, "
    "Universidad de Nariño, Universidad del Magdalena"
)
PROGRAMS = _items(
    "Ingeniería de Sistemas, Medicina, Derecho, Enfermería, Contaduría Pública, "
    "Psicología, Administración de Empresas, Licenciatura en Matemáticas, Arquitectura, "
    "Odontología, Ingeniería Civil, Trabajo Social, Economía, Comunicación Social"
)
BANKS = _items(
    "el Banco de Bogotá, Bancolombia, Davivienda, el Banco de Occidente, el Banco Popular, "
    "BBVA, el Banco AV Villas, el Banco Caja Social, el Banco Agrario"
)
CITIES = _items(
    "Bogotá, Medellín, Cali, Barranquilla, Bucaramanga, Cartagena, Pereira, Manizales, "
    "Ibagué, Pasto, Neiva, Villavicencio, Tunja, Montería, Popayán, Santa Marta, Cúcuta, "
    "Armenia, Valledupar, Sincelejo"
)
COUNTRIES = _items(
    "España, México, Alemania, Francia, Argentina, Chile, Corea del Sur, Italia, Brasil, Canadá"
)
FUNDS = _items(
    "Fondo de Reparación para Víctimas del Conflicto Armado, Fondo Álvaro Ulcué Chocué, "
    "Fondo Especial para Comunidades Negras, Fondo EPM, "
    "Fondo de Educación Superior de Bogotá"
)
CREDIT_LINES = _items(
    "Tú Eliges 0 %, Tú Eliges 10 %, Tú Eliges 25 %, Tú Eliges 40 %, Tú Eliges 60 %, Tú Eliges 100 %"
)
ORDINALS = _items("primer, segundo, tercer, cuarto, quinto, sexto, séptimo, octavo, noveno, décimo")
MONTHS = _items(
    "enero, febrero, marzo, abril, mayo, junio, julio, agosto, septiembre, octubre, "
    "noviembre, diciembre"
)

# --- Requests (what the user writes) --------------------------------------------------

REQUEST_GREETINGS: tuple[str, ...] = (
    "Buenos días.",
    "Buenas tardes.",
    "Buenas noches.",
    "Hola.",
    "Cordial saludo.",
    "Señores ICETEX:",
    "Buen día, señores del ICETEX.",
)
REQUEST_OPENERS: dict[str, tuple[str, ...]] = {
    "Petición": (
        "Me dirijo a ustedes para hacer la siguiente petición.",
        "Solicito de manera respetuosa su colaboración con lo siguiente.",
    ),
    "Queja": (
        "Quiero presentar una queja por la atención que he recibido.",
        "Estoy muy inconforme con el servicio del ICETEX.",
    ),
    "Reclamo": (
        "Presento un reclamo porque considero que hay un error en mi caso.",
        "Quiero hacer un reclamo formal.",
    ),
    "Consulta": ("Quisiera hacer una consulta.", "Tengo una duda sobre mi crédito."),
    "Solicitud de información": (
        "Necesito información sobre el siguiente tema.",
        "Quisiera que me informaran lo siguiente.",
    ),
    "Solicitud de documentos": (
        "Requiero un documento para un trámite.",
        "Necesito que me expidan un documento.",
    ),
    "Sugerencia": ("Quisiera dejar una sugerencia para mejorar el servicio.",),
    "Felicitación": ("Quiero felicitar al equipo de atención del ICETEX.",),
}
REQUEST_ISSUES: dict[str, tuple[str, ...]] = {
    "Crédito educativo": (
        "Quiero saber si mi solicitud de crédito para {programa} en la {universidad} fue aprobada, la hice hace un mes y no me han respondido.",
        "Me gustaría saber cuáles son los requisitos para pedir un crédito de la línea {linea}.",
        "Necesito saber si mi deudor solidario puede ser mi {pariente}, que tiene más de 65 años.",
        "El sistema no me deja terminar el formulario de solicitud del crédito y se vence la convocatoria.",
        "¿Cuánto tiempo tarda el estudio de la solicitud de crédito para el período {periodo_siguiente}?",
        "Me aparece que mi crédito fue negado, pero no me dicen el motivo.",
    ),
    "Renovación de crédito": (
        "No he podido renovar mi crédito para el {periodo_siguiente} porque la página dice que la universidad no ha reportado mis notas.",
        "Estoy en {semestre} semestre de {programa} y necesito saber cómo hago la renovación.",
        "Se me pasó la fecha de renovación y quiero saber si todavía puedo renovar.",
        "Hice la renovación el {fecha} pero sigue apareciendo en estado pendiente.",
        "La universidad subió el valor de la matrícula a {monto} y quiero saber si el crédito cubre la diferencia.",
        "Quiero aplazar el semestre por motivos de salud y no sé qué trámite debo hacer con el crédito.",
    ),
    "Legalización": (
        "Subí todos los documentos de legalización el {fecha} y todavía no cambia el estado.",
        "Mi deudor solidario no ha recibido el correo para firmar el pagaré.",
        "La plataforma rechaza el certificado de ingresos de mi {pariente} y no sé por qué.",
        "Quiero saber hasta cuándo tengo plazo para legalizar el crédito del período {periodo}.",
        "En la universidad me dicen que falta la firma del pagaré, pero yo ya lo firmé.",
        "¿Qué documentos necesita el deudor solidario si es independiente?",
    ),
    "Fondos en administración": (
        "Soy beneficiario del {fondo} y no me ha llegado el giro del sostenimiento de este semestre.",
        "Quiero saber cuándo abren la convocatoria del {fondo}.",
        "Me dijeron que tengo que hacer servicio social para el {fondo}, ¿dónde lo registro?",
        "El giro del sostenimiento llegó incompleto: me consignaron {monto} y deberían ser {monto2}.",
        "Cambié de cuenta bancaria y necesito actualizarla para recibir el apoyo del fondo.",
    ),
    "Becas internacionales": (
        "Quisiera saber si hay becas para hacer una maestría en {pais}.",
        "Me postulé a la beca para estudiar en {pais} y quiero saber en qué estado está mi postulación.",
        "¿La beca cubre los pasajes y el seguro médico?",
        "No pude cargar el certificado de idioma en la plataforma de la convocatoria.",
        "¿Los documentos de la universidad tienen que estar apostillados?",
    ),
    "Extractos y pagos": (
        "Hice un pago el {fecha} por {monto} en {banco} y no se ve reflejado en mi extracto.",
        "No he recibido el extracto de este mes y no sé cuánto debo pagar.",
        "Me están cobrando intereses de mora, pero yo pagué a tiempo.",
        "Quiero hacer un abono a capital de {monto} para disminuir el valor de la cuota.",
        "Necesito un acuerdo de pago porque me quedé sin empleo y tengo cuotas atrasadas.",
        "El pago por PSE salió rechazado, pero el dinero sí me lo descontaron de la cuenta.",
    ),
    "Condonación": (
        "Me gradué el {fecha} y quiero saber cómo solicito la condonación del crédito.",
        "Radiqué la solicitud de condonación hace dos meses y no he tenido respuesta.",
        "Quiero saber si mi crédito del {fondo} tiene condonación por graduación.",
        "Me dicen que no aplico a la condonación, pero cumplo todos los requisitos.",
        "¿La condonación incluye los intereses que ya pagué?",
    ),
    "Certificados y paz y salvo": (
        "Necesito el paz y salvo de mi crédito porque terminé de pagar el {fecha}.",
        "Requiero un certificado de deuda para presentarlo en {banco}.",
        "Necesito el certificado de intereses pagados para la declaración de renta.",
        "Ya pagué todo el crédito y todavía aparezco reportado en las centrales de riesgo.",
        "El certificado que descargué de la página sale con mi nombre mal escrito.",
    ),
}
TYPE_ISSUES: dict[str, tuple[str, ...]] = {
    "Sugerencia": (
        "Sería bueno que la página permitiera descargar el extracto sin tener que llamar.",
        "Deberían ampliar el horario del chat los fines de semana.",
        "Propongo que envíen un mensaje de texto cuando se acerque la fecha de renovación.",
    ),
    "Felicitación": (
        "La persona que me atendió en el chat me explicó muy bien el proceso y resolvió todas mis dudas.",
        "Quiero agradecer porque me resolvieron el problema del pago muy rápido.",
        "Gracias al crédito pude terminar mi carrera de {programa} en la {universidad}.",
    ),
}
REQUEST_DETAILS: tuple[str, ...] = (
    "Estoy cursando {semestre} semestre de {programa} en la {universidad}.",
    "Mi número de crédito es {numero_credito}.",
    "Vivo en {ciudad} y no tengo cómo ir a un punto de atención.",
    "Ya llamé a la línea de atención y me dijeron que escribiera por este medio.",
    "Adjunto el soporte del pago por {monto}.",
    "Mi deudor solidario es mi {pariente}.",
    "Necesito una respuesta antes del {fecha_limite} porque se vence el plazo de la universidad.",
    "El pago lo hice en {banco}.",
    "Mis datos de contacto son los que están registrados en el sistema.",
)
COMPLAINT_DETAILS: tuple[str, ...] = (
    "Llevo más de quince días esperando una respuesta.",
    "En la línea telefónica me tuvieron en espera más de cuarenta minutos.",
    "Cada asesor me da una información diferente.",
    "Es la tercera vez que escribo por este tema.",
)
REQUEST_CLOSINGS: tuple[str, ...] = (
    "Quedo {atento} a su respuesta.",
    "Muchas gracias.",
    "Agradezco su pronta respuesta.",
    "Gracias por su atención.",
    "Espero una respuesta pronto, por favor.",
)
# Texts that exercise rendering safety (HTML, '&', emoji, spreadsheet formulas).
HOSTILE_SNIPPETS: tuple[str, ...] = (
    "<b>urgente</b>",
    "Mi deudor solidario trabaja en la empresa A & B Asociados.",
    "Gracias 🙂",
    "=SUMA(A1:A3) es lo que aparece en mi extracto",
    "<script>alert('x')</script>",
    "+57 300 555 0101 es mi celular",
    "-2 cuotas según el extracto",
    'El extracto dice "valor mínimo" & intereses <> lo que pagué',
)

# --- Answers (what the agent writes) --------------------------------------------------

# (male form, female form)
ANSWER_GREETINGS: tuple[tuple[str, str], ...] = (
    ("Respetado señor {nombre}:", "Respetada señora {nombre}:"),
    ("Apreciado {nombre}:", "Apreciada {nombre}:"),
    ("Estimado usuario {nombre}:", "Estimada usuaria {nombre}:"),
    ("Buen día, {nombre}.", "Buen día, {nombre}."),
)
ANSWER_OPENINGS: tuple[str, ...] = (
    "Reciba un cordial saludo del ICETEX.",
    "Agradecemos su comunicación con el ICETEX.",
    "Reciba un cordial saludo. Hemos recibido su comunicación del {fecha_radicado}.",
    "Agradecemos que se haya comunicado con nosotros el {fecha_radicado}.",
)
ANSWER_TYPE_OPENINGS: dict[str, tuple[str, ...]] = {
    "Petición": (
        "En atención a su petición, le informamos lo siguiente.",
        "Damos respuesta a su petición en los siguientes términos.",
    ),
    "Queja": (
        "Lamentamos los inconvenientes que se le han presentado y le ofrecemos excusas por las molestias ocasionadas.",
        "Agradecemos que nos haya informado su inconformidad, pues nos permite mejorar nuestro servicio.",
    ),
    "Reclamo": (
        "Una vez revisado su caso en nuestro sistema, le informamos lo siguiente.",
        "Hemos analizado su reclamo y los soportes enviados.",
    ),
    "Consulta": (
        "En respuesta a su consulta, le informamos lo siguiente.",
        "Con gusto atendemos su consulta.",
    ),
    "Solicitud de información": (
        "Con gusto le brindamos la información solicitada.",
        "A continuación encontrará la información que requiere.",
    ),
    "Solicitud de documentos": (
        "En atención a su solicitud de documentos, le informamos lo siguiente.",
        "Hemos recibido su solicitud de expedición de documentos.",
    ),
    "Sugerencia": (
        "Agradecemos su sugerencia, la cual será trasladada al área encargada para su análisis.",
        "Sus comentarios son muy valiosos para mejorar nuestros servicios.",
    ),
    "Felicitación": (
        "Agradecemos sus amables palabras; su mensaje será compartido con el equipo de atención.",
        "Nos alegra saber que recibió una buena atención por parte de nuestro equipo.",
    ),
}
ANSWER_BODIES: dict[str, tuple[str, ...]] = {
    "Crédito educativo": (
        "El crédito educativo del ICETEX financia programas de pregrado y posgrado en instituciones de educación superior reconocidas por el Ministerio de Educación Nacional.",
        "En la línea {linea}, durante la etapa de estudios usted deberá pagar el porcentaje del valor desembolsado que corresponde a esa modalidad y el saldo restante al finalizar el programa.",
        "La convocatoria para el período {periodo_siguiente} se publicará en la página web del ICETEX, donde podrá consultar las fechas y los requisitos.",
        "Una vez diligenciado el formulario de solicitud, el sistema le asignará un número de radicado con el que podrá hacer seguimiento a su proceso.",
        "El resultado del estudio de su solicitud de crédito se informa al correo electrónico registrado en un plazo aproximado de quince días hábiles.",
        "Es necesario que su deudor solidario tenga capacidad de pago y no presente reportes negativos en las centrales de riesgo.",
        "El estudio de la solicitud tiene en cuenta el puntaje de las pruebas Saber 11 y la información socioeconómica del estudiante.",
        "Revisado nuestro sistema, su solicitud de crédito para el programa de {programa} en la {universidad} se encuentra en estado aprobado.",
        "Si su solicitud no fue aprobada, podrá presentarla nuevamente en la próxima convocatoria, siempre que cumpla los requisitos.",
        "El crédito cubre el valor de la matrícula y, según la línea elegida, también puede incluir un subsidio de sostenimiento.",
    ),
    "Renovación de crédito": (
        "La renovación del crédito debe realizarse cada semestre dentro de las fechas establecidas en el calendario publicado en la página web.",
        "Para renovar su crédito para el período {periodo_siguiente}, la institución educativa debe reportar primero sus notas y su matrícula en el sistema.",
        "Hemos verificado que la {universidad} aún no ha actualizado la información académica del semestre anterior, por lo que le sugerimos comunicarse con la oficina de crédito de la universidad.",
        "Para la renovación se exige el promedio académico mínimo que establece el reglamento de crédito.",
        "Una vez aprobada la renovación, el desembolso a la institución educativa se realiza en un plazo aproximado de treinta días hábiles.",
        "Si no realizó la renovación en las fechas establecidas, deberá solicitar la renovación extemporánea a través de este canal.",
        "Para renovar es necesario estar al día en los pagos de las cuotas de la etapa de estudios.",
        "El estado actual de su renovación del {semestre} semestre es «pendiente de validación por la universidad».",
        "Si desea solicitar el aplazamiento del semestre, deberá diligenciar el formato de novedades y adjuntar la certificación de la institución educativa.",
        "Para cambiar el valor financiado, debe registrar el nuevo valor de la matrícula antes de la fecha de cierre del proceso de renovación.",
    ),
    "Legalización": (
        "La legalización del crédito es el proceso mediante el cual usted y su deudor solidario firman las garantías y entregan los documentos exigidos.",
        "Los documentos de legalización se cargan en la plataforma dispuesta por el ICETEX y son revisados por la institución educativa.",
        "Es necesario que el pagaré y la carta de instrucciones sean firmados electrónicamente tanto por el estudiante como por el deudor solidario.",
        "Hemos verificado que su proceso de legalización se encuentra incompleto porque falta el certificado de ingresos del deudor solidario.",
        "El plazo para legalizar el crédito del período {periodo} vence el {fecha_limite}; después de esa fecha el crédito aprobado podrá ser anulado.",
        "Una vez la universidad valide los documentos, el estado del crédito cambiará a «legalizado» y se programará el giro de la matrícula.",
        "Si su deudor solidario reside en el exterior, deberá adjuntar los documentos apostillados.",
        "Le sugerimos revisar que los archivos estén en formato PDF, sean legibles y no superen el tamaño permitido por la plataforma.",
        "La firma del pagaré se realiza a través del enlace enviado a su correo electrónico registrado.",
        "Si el deudor solidario no recibe el correo para la firma, puede solicitar el reenvío a través de este canal indicando su número de cédula.",
    ),
    "Fondos en administración": (
        "El {fondo} es administrado por el ICETEX con recursos aportados por la entidad constituyente, que es quien define los requisitos y las condiciones del beneficio.",
        "Las convocatorias de los fondos en administración se publican en la página web del ICETEX, en la sección de fondos.",
        "Su solicitud de renovación del beneficio en el {fondo} fue remitida al área de Fondos en Administración para su revisión.",
        "Según el reglamento del fondo, el beneficio cubre la matrícula y un apoyo de sostenimiento de {monto} por semestre.",
        "El giro del apoyo de sostenimiento se realiza a la cuenta bancaria registrada, una vez la institución educativa confirme la matrícula.",
        "El pago del sostenimiento del período {periodo} se encuentra programado para el {fecha_limite}.",
        "Para mantener el beneficio es necesario cumplir con el promedio académico y el servicio social exigidos por el reglamento del fondo.",
        "Las condonaciones de los fondos en administración se estudian según las reglas que fija cada constituyente.",
        "Le recomendamos actualizar sus datos de contacto y los de su cuenta bancaria para evitar retrasos en los giros.",
        "Puede consultar el estado de su beneficio con su número de documento en la opción «Consulta de estado» de la página web.",
    ),
    "Becas internacionales": (
        "Las becas internacionales que ofrece el ICETEX son otorgadas por gobiernos y organismos de cooperación, que fijan los requisitos de cada convocatoria.",
        "La convocatoria de becas para estudiar en {pais} se encuentra publicada en la página web, en la sección de becas internacionales.",
        "Para aplicar es necesario contar con el título profesional, certificar el dominio del idioma y cumplir con el promedio académico mínimo exigido.",
        "La preselección de los candidatos la hace el ICETEX y la selección final corresponde al oferente de la beca.",
        "Su postulación fue recibida y se encuentra en revisión documental.",
        "Los resultados de la convocatoria se publicarán en la página web a partir del {fecha_limite}.",
        "Las becas no cubren los pasajes; para ese gasto puede consultar la línea de crédito para estudios en el exterior.",
        "Los documentos expedidos en Colombia deben presentarse con la apostilla de la Cancillería cuando la convocatoria lo exija.",
        "Si tiene dudas sobre los requisitos de idioma, le sugerimos revisar los términos de referencia de la convocatoria.",
        "La beca cubre la matrícula y, en algunos casos, un apoyo mensual de manutención definido por el oferente.",
    ),
    "Extractos y pagos": (
        "El extracto de su crédito se genera mensualmente y puede descargarlo en la página web con su número de documento y su clave.",
        "Su próxima cuota, por valor de {monto}, vence el {fecha_limite}.",
        "Puede hacer el pago por PSE en la página web o en efectivo en {banco} con el código de barras del extracto.",
        "Hemos verificado el pago realizado el {fecha} por {monto}; este fue aplicado a su obligación y se verá reflejado en el próximo extracto.",
        "Los pagos realizados por PSE se aplican en un plazo de hasta dos días hábiles.",
        "Su crédito presenta un saldo en mora de {monto2}, por lo que le recomendamos ponerse al día para evitar el reporte a las centrales de riesgo.",
        "Si desea hacer un abono extraordinario a capital, debe indicarlo al momento del pago para que se aplique a la disminución del plazo o del valor de la cuota.",
        "El valor de la cuota incluye capital, intereses y la prima del seguro de vida del crédito.",
        "Para solicitar un acuerdo de pago, debe diligenciar el formulario de normalización de cartera y adjuntar los soportes de sus ingresos.",
        "Los intereses de mora se liquidan sobre las cuotas vencidas desde el día siguiente a su fecha de vencimiento.",
    ),
    "Condonación": (
        "La condonación del crédito se estudia cuando el beneficiario cumple los requisitos establecidos en el reglamento o en la convocatoria del programa.",
        "Para la condonación por graduación es necesario que la institución educativa reporte en el sistema el título obtenido.",
        "Su solicitud de condonación fue radicada y será estudiada por la Vicepresidencia de Crédito y Cobranza en un plazo de hasta treinta días hábiles.",
        "La condonación no procede cuando el crédito presenta cuotas en mora al momento del estudio.",
        "Hemos verificado que su solicitud de condonación está pendiente del acta de grado, que puede adjuntar a través de este canal.",
        "Una vez aprobada la condonación, se expedirá el paz y salvo correspondiente y se actualizará la información en las centrales de riesgo.",
        "La condonación aplica únicamente al porcentaje definido en el reglamento y no incluye los intereses causados.",
        "Si su crédito pertenece a un fondo en administración, la condonación se rige por las condiciones que fija la entidad constituyente.",
        "El resultado del estudio se le informará al correo electrónico registrado.",
        "En caso de fallecimiento o invalidez del beneficiario, el saldo se cubre con el seguro de vida del crédito, previa presentación de los soportes.",
    ),
    "Certificados y paz y salvo": (
        "El certificado de deuda y el paz y salvo se pueden descargar en la página web, en la opción de certificados, con su número de documento.",
        "El paz y salvo se expide cuando el crédito se encuentra cancelado en su totalidad y no presenta saldos pendientes.",
        "Hemos verificado que su crédito aún presenta un saldo de {monto2}, por lo que no es posible expedir el paz y salvo en este momento.",
        "Adjunto a esta respuesta encontrará el certificado solicitado en formato PDF.",
        "El certificado de intereses pagados para la declaración de renta está disponible a partir del mes de marzo.",
        "Si requiere un certificado con información adicional, el trámite tiene un plazo de respuesta de hasta diez días hábiles.",
        "La actualización de su información en las centrales de riesgo puede tardar hasta treinta días después de la cancelación del crédito.",
        "Su solicitud fue remitida al Grupo de Archivo y Correspondencia para la expedición del documento.",
        "Los certificados generados en la página web tienen un código de verificación que cualquier entidad puede validar.",
        "Los certificados se envían al correo electrónico registrado, por lo que le sugerimos revisar también la carpeta de correo no deseado.",
    ),
}
ANSWER_GENERIC: tuple[str, ...] = (
    "Le recordamos que puede consultar el estado de su crédito en la página web del ICETEX, en la opción «Mi ICETEX».",
    "También puede comunicarse con nuestra línea de atención telefónica o acercarse a cualquiera de nuestros puntos de atención en el país.",
    "Para realizar cualquier trámite es necesario que sus datos de contacto se encuentren actualizados en el sistema.",
    "Su caso fue escalado al área encargada, que dará respuesta de fondo dentro de los términos de ley.",
    "El tiempo de respuesta para este tipo de solicitud es de hasta {plazo} días hábiles, según la Ley 1755 de 2015.",
    "Si la información suministrada no resuelve su inquietud, {lo} invitamos a comunicarse nuevamente por este canal indicando el número de radicado.",
    "Por seguridad, le recordamos que el ICETEX nunca le solicitará su clave por correo electrónico ni por teléfono.",
    "Hemos registrado su solicitud en nuestro sistema con el fin de hacer seguimiento hasta su solución.",
    "Le sugerimos guardar este correo, ya que contiene el número de radicado de su solicitud.",
    "Todos los trámites ante el ICETEX son gratuitos y no requieren intermediarios.",
    "Sus datos personales son tratados conforme a la política de protección de datos del ICETEX y a la Ley 1581 de 2012.",
    "Puede hacer seguimiento a su solicitud en la opción de consulta de PQRS de la página web.",
)
ANSWER_CLOSINGS: tuple[str, ...] = (
    "Esperamos haber atendido satisfactoriamente su solicitud.",
    "Si tiene alguna inquietud adicional, con gusto la atenderemos a través de nuestros canales de atención.",
    "Para el ICETEX es muy importante conocer su opinión; {lo} invitamos a calificar nuestra atención.",
    "Quedamos atentos a cualquier inquietud adicional.",
)
SIGNATURES: tuple[str, ...] = (
    "Cordialmente,\n\n{agente}\nAsesor de Atención al Usuario\nICETEX",
    "Cordialmente,\n\n{agente}\nAtención al Usuario - ICETEX",
    "Atentamente,\n\n{agente}\nGrupo de Atención al Usuario\nICETEX",
)
# Long explanatory paragraphs: a handful of answers are built with most of them (~6,000+
# characters), as happens when an agent pastes whole regulations into an answer.
LONG_PARAGRAPHS: tuple[str, ...] = (
    "De conformidad con el reglamento de crédito educativo, el beneficiario adquiere la obligación de informar cualquier cambio en su situación académica, como el aplazamiento de un semestre, el cambio de programa o de institución educativa, la suspensión de sus estudios o la terminación de materias. Estas novedades deben reportarse por escrito a través de los canales de atención, adjuntando la certificación expedida por la institución educativa, con el fin de que el ICETEX actualice la información de su obligación y ajuste el plan de pagos cuando corresponda.",
    "El proceso de renovación se compone de tres etapas: la actualización de datos por parte del beneficiario en la página web, el reporte de notas y de la liquidación de matrícula por parte de la institución educativa y la validación final del ICETEX. Solo cuando las tres etapas se completan dentro del calendario publicado, el crédito queda renovado y se programa el giro a la institución educativa. Si alguna de ellas no se cumple, la renovación queda en estado pendiente y no se realiza el desembolso del semestre.",
    "Para la legalización del crédito es indispensable que tanto el estudiante como el deudor solidario firmen el pagaré con espacios en blanco y la carta de instrucciones, documentos que respaldan la obligación adquirida. La firma se realiza de manera electrónica mediante el enlace que el sistema envía al correo registrado de cada firmante; por esta razón es importante que los correos estén actualizados y que ambos firmantes completen el proceso antes de la fecha límite establecida para el período académico.",
    "En cumplimiento de la Ley 1755 de 2015, que regula el derecho fundamental de petición, las peticiones, quejas y reclamos se resuelven dentro de los quince días hábiles siguientes a su recepción; las solicitudes de documentos y de información, dentro de los diez días hábiles siguientes, y las consultas, dentro de los treinta días hábiles siguientes. Cuando no sea posible resolver la solicitud en esos plazos, el ICETEX le informará antes del vencimiento los motivos de la demora y la fecha en que dará respuesta de fondo.",
    "De acuerdo con la Ley 1581 de 2012 y la política de tratamiento de datos personales del ICETEX, la información que usted suministra se utiliza exclusivamente para la gestión de su crédito o beneficio y para el envío de comunicaciones relacionadas con los servicios de la entidad. Usted tiene derecho a conocer, actualizar y rectificar sus datos personales, así como a solicitar prueba de la autorización otorgada, a través de los canales de atención dispuestos para tal fin.",
    "Los pagos de las cuotas pueden realizarse por medio del botón de pagos PSE disponible en la página web, en las oficinas de los bancos con convenio presentando el extracto con código de barras, o mediante débito automático desde su cuenta bancaria. Le recomendamos conservar los comprobantes de pago durante todo el tiempo de vigencia de la obligación, ya que son el soporte para cualquier reclamación posterior sobre la aplicación de los pagos o el cobro de intereses de mora.",
    "El deudor solidario responde por la totalidad de la obligación en las mismas condiciones que el beneficiario, por lo que el ICETEX puede dirigirse a él para el cobro de las cuotas vencidas. Si el deudor solidario fallece o pierde su capacidad de pago, el beneficiario deberá presentar un nuevo deudor solidario que cumpla los requisitos establecidos, con el fin de mantener vigente la garantía del crédito y continuar con las renovaciones de los semestres siguientes.",
    "Los fondos en administración se rigen por el convenio suscrito entre el ICETEX y la entidad constituyente, así como por el reglamento operativo de cada fondo, en el que se definen la población objetivo, los requisitos de acceso, los rubros que se financian, las condiciones de permanencia y las reglas de condonación. Por esta razón, las decisiones sobre la adjudicación y la condonación de estos beneficios corresponden a la junta administradora del fondo, y el ICETEX actúa como administrador de los recursos.",
    "La condonación del crédito por graduación se estudia una vez la institución educativa reporta el título obtenido y el beneficiario se encuentra al día en sus obligaciones. El estudio se realiza por orden de llegada y su resultado se comunica al correo electrónico registrado. Si la condonación es aprobada, el saldo condonado se aplica a la obligación y se expide el paz y salvo; si es negada, se le indicarán los motivos y podrá presentar los recursos que establece el reglamento.",
    "Las becas internacionales son ofrecidas por gobiernos, universidades y organismos de cooperación que definen sus propios requisitos, beneficios y fechas. El ICETEX divulga las convocatorias, recibe las postulaciones, verifica el cumplimiento de los requisitos mínimos y remite al oferente los candidatos preseleccionados. La decisión final sobre la adjudicación corresponde siempre al oferente, y el ICETEX informa los resultados a los candidatos una vez el oferente los comunica oficialmente.",
    "Le recordamos que puede acceder a todos nuestros servicios a través de la página web, el chat, la línea de atención telefónica y los puntos de atención presencial en las principales ciudades del país. Para una atención más ágil, tenga a mano su número de documento y, si ya tiene una solicitud en trámite, el número de radicado. El ICETEX trabaja para ofrecerle una experiencia de servicio centrada en sus necesidades, por lo que sus comentarios y calificaciones son muy importantes para nosotros.",
)

# --- Chat -----------------------------------------------------------------------------

CHAT_OPENERS: tuple[str, ...] = (
    "Hola.",
    "Hola, una pregunta.",
    "{saludo_hora}.",
    "Hola, {saludo_hora_min}.",
    "{saludo_hora}, una consulta.",
)
CHAT_AGENT_GREETINGS: tuple[str, ...] = (
    "{saludo_hora}, mi nombre es {agente_nombre} y con gusto le colaboro. ¿Me regala su número de documento, por favor?",
    "{saludo_hora}, {bienvenido} al chat del ICETEX. Soy {agente_nombre}. ¿Me confirma su número de cédula?",
    "{saludo_hora}, le saluda {agente_nombre}. Para revisar su caso, ¿me indica su número de identificación?",
)
CHAT_USER_ID: tuple[str, ...] = (
    "{cedula}",
    "Claro, es {cedula}",
    "Mi cédula es {cedula}",
    "{cedula_puntos}",
)
CHAT_AGENT_CHECK: tuple[str, ...] = (
    "Gracias, {nombre_corto}. Un momento, por favor, mientras reviso su información.",
    "Gracias por la información. Ya verifiqué sus datos en el sistema.",
    "Listo, {nombre_corto}, ya tengo su información en pantalla.",
)
# (what the user asks, what the agent answers)
CHAT_FOLLOWUPS: tuple[tuple[str, str], ...] = (
    ("¿Y eso cuánto tarda?", "El trámite tarda aproximadamente cinco días hábiles."),
    (
        "¿Dónde encuentro ese formulario?",
        "Lo encuentra en la página web del ICETEX, en la sección de trámites y servicios.",
    ),
    (
        "¿Lo puedo hacer por la página?",
        "Sí, puede hacerlo en línea con su número de documento y su clave.",
    ),
    ("¿Me puede enviar el enlace?", "Claro, le comparto el enlace: www.icetex.gov.co"),
    (
        "¿Y si no alcanzo antes de esa fecha?",
        "En ese caso deberá solicitar el trámite de forma extemporánea a través del formulario de novedades.",
    ),
    (
        "Ya lo intenté y me sale un error.",
        "Le sugiero borrar el historial del navegador e intentarlo de nuevo; si el error continúa, envíenos una captura de pantalla por el formulario de PQRS.",
    ),
    (
        "¿Me llega alguna confirmación?",
        "Sí, recibirá una confirmación en el correo electrónico registrado.",
    ),
    (
        "¿Tengo que ir a un punto de atención?",
        "No es necesario, el trámite se hace completamente en línea.",
    ),
    (
        "¿Mi deudor solidario también tiene que hacer algo?",
        "Sí, su deudor solidario debe firmar los documentos con el enlace que le llega a su correo.",
    ),
    ("Listo, entiendo.", "Con gusto."),
)
CHAT_AGENT_ANYTHING_ELSE: tuple[str, ...] = (
    "¿Hay algo más en lo que le pueda colaborar?",
    "¿Puedo ayudarle con alguna otra inquietud?",
)
CHAT_USER_THANKS: tuple[str, ...] = (
    "No, eso era todo, muchas gracias.",
    "Listo, gracias.",
    "No, gracias.",
    "Muchas gracias por la ayuda.",
    "Bueno, gracias.",
)
CHAT_AGENT_CLOSINGS: tuple[str, ...] = (
    "Con gusto. Gracias por comunicarse con el ICETEX; {lo} invitamos a calificar nuestra atención al finalizar el chat.",
    "Fue un gusto atenderle. Que tenga un excelente día.",
    "Gracias por usar nuestro chat. Recuerde que estamos para servirle.",
)

# Words of the phrase banks that a general Spanish dictionary does not know (acronyms,
# brands, proper names of programmes): a seed for the entity's own word list.
ENTITY_WORDS = _items(
    "ICETEX, PQRS, PSE, PDF, BBVA, EPM, Bancolombia, Davivienda, Javeriana, Distrital, "
    "Ulcué, Chocué, Camila, www, icetex, gov, co"
)
