; Instalador de Windows de Auditoría de Calidad (Inno Setup 6.3 o posterior).
;
; Compilar después de construir la carpeta con PyInstaller (installer\build.py):
;   python installer\build.py --installer
; o a mano, pasando la versión de pyproject.toml:
;   ISCC /DAppVersion=0.1.0 installer\auditoria-calidad.iss
;
; Instala por usuario, sin derechos de administrador, en
; {localappdata}\Programs\Auditoria de Calidad ({autopf} en modo no administrador); quien
; tenga derechos puede elegir en un diálogo instalar para todos los usuarios.
; Los datos del usuario (la base SQLite en %LOCALAPPDATA%\auditoria-calidad) no son parte de
; la instalación: el desinstalador no los toca.

#ifndef AppVersion
  #error Falta la versión: ISCC /DAppVersion=X.Y.Z installer\auditoria-calidad.iss
#endif
#ifndef AppDir
  ; La carpeta que construye PyInstaller (relativa a este archivo).
  #define AppDir "..\dist\auditoria-calidad"
#endif

#define AppName "Auditoría de Calidad"
#define GuiExe "Auditoria de Calidad.exe"
#define CliExe "auditoria-calidad.exe"
; platformdirs.user_data_dir("auditoria-calidad", "auditoria-calidad") en Windows.
#define UserDataDir "{localappdata}\auditoria-calidad"

[Setup]
AppId={{05F9AF38-2A22-4AF8-86EE-A12F6DCBDE23}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Oficina de Calidad del Servicio
DefaultDirName={autopf}\Auditoria de Calidad
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\dist
OutputBaseFilename=auditoria-calidad-{#AppVersion}-instalador
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayName={#AppName}
UninstallDisplayIcon={app}\{#GuiExe}
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "spanish"; MessagesFile: "compiler:Languages\Spanish.isl"

[Messages]
spanish.ConfirmUninstall=¿Desea desinstalar %1?%n%nSolo se elimina el programa: la base de datos y los demás datos del usuario se conservan.

[CustomMessages]
spanish.DataKept=Se desinstaló el programa. La base de datos y los demás datos del usuario no se eliminaron; quedan en:%n%n%1%n%nBórrelos a mano solo si ya no los necesita.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; Los dos ejecutables (ventana y línea de comandos) y _internal\ con Python, Qt y los datos.
Source: "{#AppDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#GuiExe}"; WorkingDir: "{app}"; Comment: "Auditoría de las respuestas virtuales y chats (F182)"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#GuiExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#GuiExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; Sin [UninstallDelete]: el desinstalador borra solo lo que instaló en {app}; la carpeta de datos
; ({#UserDataDir}, con auditoria.db y los registros) queda intacta.

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent then
    MsgBox(FmtMessage(CustomMessage('DataKept'), [ExpandConstant('{#UserDataDir}')]),
      mbInformation, MB_OK);
end;
