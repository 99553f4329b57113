package web

// The engine's own words on the pages, in Spanish: the evidence's fields and levels, voter
// statuses, the linker's rule texts, the rule packs' titles and citations, the projection's
// steps and the refusals of signet.Error. The engine keeps its English (the CLI's output);
// the pages word it here.

// engineTexts are plain sentences and words of the engine, keyed by the English the engine
// gives, looked up whole (not formats: a % in them is a percent sign). A text with no entry
// is shown in English.
var engineTexts = map[string]string{
	// the fields a candidate is compared on (match.Field*), as the desk and the evidence name them
	"last_name": "apellido", "first_name": "nombre", "middle_name": "segundo nombre", "suffix": "sufijo",
	"house_number": "número", "street": "calle", "unit": "apartamento", "city": "ciudad", "zip": "código postal",
	"birth_date": "fecha de nacimiento",
	"last name":  "apellido", "first name": "nombre", "middle name": "segundo nombre", "house number": "número",
	"birth date": "fecha de nacimiento", "address": "dirección",

	// how a field compared (match.Level*)
	"exact": "exacta", "nickname": "apodo", "initial": "inicial", "compound": "apellido compuesto",
	"abbrev": "abreviada", "typo": "errata", "jw": "parecida", "missing": "ausente", "disagree": "distinta",
	"phonetic": "fonética", "jw_low": "poco parecida", "compound_typo": "errata en apellido compuesto",
	"jw_weak": "apenas parecida",
	// how the address compared (signet.AddressMatch; registrar's evidence)
	"current": "domicilio actual", "prior": "domicilio anterior", "none": "ninguno",
	"registered address": "domicilio inscrito", "a prior registered address": "un domicilio inscrito anterior",
	"differs": "distinta",

	// a registration's status (signet.VoterStatus)
	"active": "activo", "inactive": "inactivo", "cancelled": "cancelado",

	// the linker's rules (match.RuleText)
	"The voter's address on the roll does not agree with the line's (house number, street and ZIP code).":                                                                                                         "La dirección del votante en el censo no concuerda con la de la línea (número, calle y código postal).",
	"At the line's address the surname must agree: exactly, as part of a compound surname, but for a slip of the pen, or by its sound beside a given name that agrees; it does not.":                              "En la dirección de la línea el apellido debe concordar: exactamente, como parte de un apellido compuesto, salvo por un error de pluma, o por su sonido junto a un nombre que concuerda; no concuerda.",
	"At the line's address the given name must agree: exactly, as a nickname, an initial or but for a slip of the pen (or be left out beside a surname that agrees, for a person to decide); it does not.":        "En la dirección de la línea el nombre debe concordar: exactamente, como apodo, como inicial o salvo por un error de pluma (u omitirse junto a un apellido que concuerda, para que decida una persona); no concuerda.",
	"The surname and the given name both only resemble the voter's, other than each but for one slip of the pen (or the given name is an initial against a surname that only resembles): one of them must agree.": "El apellido y el nombre solo se parecen a los del votante, más allá de un error de pluma en cada uno (o el nombre es una inicial frente a un apellido que solo se parece): uno de ellos debe concordar.",
	"The suffixes differ (JR is not SR): father and son often share a name and an address.":                                                                                                                       "Los sufijos difieren (JR no es SR): padre e hijo suelen compartir nombre y dirección.",
	"The middle names differ while the surname or the given name only resembles the voter's.":                                                                                                                     "Los segundos nombres difieren mientras el apellido o el nombre solo se parece al del votante.",
	"Someone else registered at the address bears the line's given name, so a given name that only resembles it is not enough.":                                                                                   "Otra persona inscrita en la dirección lleva el nombre de la línea, así que un nombre que solo se le parece no basta.",
	"Someone else registered at the address bears the line's surname as written, so it is not taken for a misspelt part of this voter's compound surname.":                                                        "Otra persona inscrita en la dirección lleva el apellido de la línea tal como está escrito, así que no se toma por una parte mal escrita del apellido compuesto de este votante.",
	"The line gives no given name: any voter of its surname at the address could have signed, so a person decides.":                                                                                               "La línea no da nombre: cualquier votante de ese apellido en la dirección pudo firmar, así que decide una persona.",
	"Read with surname and given name swapped, the name links by name alone only when both agree exactly.":                                                                                                        "Leído con apellido y nombre intercambiados, el nombre solo enlaza por sí solo cuando ambos concuerdan exactamente.",
	"Away from the line's address the surname must agree exactly or as part of a compound surname.":                                                                                                               "Fuera de la dirección de la línea el apellido debe concordar exactamente o como parte de un apellido compuesto.",
	"Away from the line's address the given name must agree exactly or as a nickname.":                                                                                                                            "Fuera de la dirección de la línea el nombre debe concordar exactamente o como apodo.",
	"Away from the line's address the middle names, where both are written, must not differ.":                                                                                                                     "Fuera de la dirección de la línea los segundos nombres, donde ambos constan, no deben diferir.",
	"The name agrees only when its first word is read as the surname and a middle word is left over, too weak to link by name alone.":                                                                             "El nombre solo concuerda si su primera palabra se lee como apellido y sobra una palabra intermedia: demasiado débil para enlazar solo por el nombre.",
	"The surnames agree only because the voter's one surname is a word of the line's longer one (a middle name taken for a surname), too weak to link by name alone.":                                             "Los apellidos concuerdan solo porque el único apellido del votante es una palabra del más largo de la línea (un segundo nombre tomado por apellido): demasiado débil para enlazar solo por el nombre.",
	"So many voters share the line's surname and given name that the name alone cannot single one out.":                                                                                                           "Tantos votantes comparten el apellido y el nombre de la línea que el nombre solo no permite distinguir a uno.",
	"The line's ZIP code is one no voter on the roll lives in: the address is outside the jurisdiction, and the signer is not looked for by name elsewhere.":                                                      "En el código postal de la línea no vive ningún votante del censo: la dirección está fuera de la jurisdicción y no se busca al firmante por su nombre en otro lugar.",
	"The rules admit this voter, but another candidate they admit weighs more and was chosen.":                                                                                                                    "Las reglas admiten a este votante, pero otro candidato admitido pesa más y fue el elegido.",
	"The posterior probability is between the review and link thresholds (0.5 and 0.99 by default): a person decides.":                                                                                            "La probabilidad a posteriori está entre los umbrales de revisión y de enlace (0,5 y 0,99 por omisión): decide una persona.",
	"The posterior probability is below the review threshold (0.5 by default): the rivals and the odds that the signer is not on the roll outweigh the evidence.":                                                 "La probabilidad a posteriori está por debajo del umbral de revisión (0,5 por omisión): los rivales y la probabilidad de que el firmante no esté en el censo pesan más que la evidencia.",

	// the rule packs' titles (law.Rules.Title): the citations stay as they are
	"Colorado statewide initiative (Colo. Const. art. V §1(2); C.R.S. 1-40-108, 1-40-116, 1-40-117)":                     "Iniciativa estatal de Colorado (Colo. Const. art. V §1(2); C.R.S. 1-40-108, 1-40-116, 1-40-117)",
	"Nevada local ballot question petition (NRS 295; sampling NRS 295.250–295.260 as summarised in domain.md §5)":        "Petición local de consulta en Nevada (NRS 295; muestreo NRS 295.250–295.260 según el resumen de domain.md §5)",
	"Nevada statewide initiative (Nev. Const. art. 19 §2; NRS 295.009–295.061; verification NRS 293.1276–293.1279)":      "Iniciativa estatal de Nevada (Nev. Const. art. 19 §2; NRS 295.009–295.061; verificación NRS 293.1276–293.1279)",
	"Nevada recall of a public officer (Nev. Const. art. 2 §9; NRS 306.015–306.040; verification NRS 293.1276–293.1279)": "Revocación de un cargo público en Nevada (Nev. Const. art. 2 §9; NRS 306.015–306.040; verificación NRS 293.1276–293.1279)",
	"California recall of a local officer (Elections Code §11220–§11227)":                                                "Revocación de un cargo local en California (Elections Code §11220–§11227)",
	"California recall of a state officer (Cal. Const. art. II §14; Elections Code §11100–§11110)":                       "Revocación de un cargo estatal en California (Cal. Const. art. II §14; Elections Code §11100–§11110)",
	"California statewide initiative or referendum (Cal. Const. art. II §8–§9; Elections Code §9030–§9031)":              "Iniciativa o referéndum estatal de California (Cal. Const. art. II §8–§9; Elections Code §9030–§9031)",
	"California county initiative (Elections Code §9100–§9126)":                                                          "Iniciativa de condado en California (Elections Code §9100–§9126)",
	"Washington statewide initiative (Wash. Const. art. II §1; RCW 29A.72.230; WAC 434-379-010)":                         "Iniciativa estatal de Washington (Wash. Const. art. II §1; RCW 29A.72.230; WAC 434-379-010)",
	"Arizona statewide initiative (Ariz. Const. art. IV pt. 1 §1; A.R.S. 19-121.01–19-121.04)":                           "Iniciativa estatal de Arizona (Ariz. Const. art. IV pt. 1 §1; A.R.S. 19-121.01–19-121.04)",

	// what each citation of a certificate is for (registrar.Citation.Label), and the
	// petition's settings named beside them
	"requirement": "requisito", "circulation": "circulación", "verification": "verificación", "duplicates": "duplicadas",
	"registration cut-off": "fecha límite de inscripción", "sample size": "tamaño de la muestra", "projection": "proyección",
	"bands": "franjas", "raw count": "recuento bruto",
	"keep_first": "se queda la primera", "signing_date": "fecha de la firma", "filing_date": "fecha de presentación",

	// the citations of the California local recall pack (the demo's) and of the steps:
	// the statute stays, the sentences around it are translated. The other packs' are in
	// messages_engine_more.go.
	"Elections Code §11221(a) (\"not less than\": rounded up), §11221(b) (the report of registration)": "Elections Code §11221(a) («no menos de»: redondeado al alza), §11221(b) (el informe de inscripción)",
	"Elections Code §11220(a): calendar days from the approval of the petition form":                   "Elections Code §11220(a): días naturales desde la aprobación del formulario de la petición",
	"Elections Code §11224 (30 days excluding Saturdays, Sundays and holidays), §11225 (full count after a sample in the 90–110% band: 60 working days, or 30 to consolidate with the next regular election), as amended by Stats. 2023, ch. 870 (SB 386), in force from 2024-01-01":                                                                         "Elections Code §11224 (30 días sin contar sábados, domingos ni festivos), §11225 (recuento completo tras una muestra en la franja del 90–110 %: 60 días hábiles, o 30 para coincidir con la siguiente elección ordinaria), en la redacción de Stats. 2023, ch. 870 (SB 386), vigente desde el 2024-01-01",
	"Elections Code §11224–§11225 as they stood before Stats. 2023, ch. 870 (SB 386): the verification, by random sample (more than 500 signatures) or of every signature, within 30 days from the filing, excluding Saturdays, Sundays and holidays; a sample in the 90–110% band is followed by the examination of every signature within the same period": "Elections Code §11224–§11225 en su redacción anterior a Stats. 2023, ch. 870 (SB 386): la verificación, por muestra aleatoria (más de 500 firmas) o de todas las firmas, en 30 días desde la presentación, sin contar sábados, domingos ni festivos; a una muestra en la franja del 90–110 % le sigue el examen de todas las firmas en el mismo plazo",
	"Elections Code §100, 2 CCR §20531: a voter signs once; the earliest valid line stays (Los Angeles 2022 label \"Max Number of Times Signed\")":                                                                                                                                                                                                           "Elections Code §100, 2 CCR §20531: un votante firma una vez; se queda la primera línea válida (etiqueta de Los Ángeles en 2022 «Max Number of Times Signed»)",
	"Elections Code §100: only a voter may sign (registered when signing); Los Angeles 2022 counted registrations up to the filing date (domain.md §3)":                                                                                                                                                                                                      "Elections Code §100: solo puede firmar un votante (inscrito al firmar); Los Ángeles en 2022 contó las inscripciones hasta la fecha de presentación (domain.md §3)",
	"Elections Code §11225(a): random sampling when more than 500 lines are filed; \"at least 500 or 5 percent ..., whichever is greater\"; 2 CCR §20521 (equal chance)":                                                                                                                                                                                     "Elections Code §11225(a): muestreo aleatorio cuando se presentan más de 500 líneas; «al menos 500 o el 5 por ciento ..., lo que sea mayor»; 2 CCR §20521 (igual probabilidad)",
	"2 CCR §20530 (validity rate to two decimals, uncorrected count rounded up), §20531 (duplicate correction D × A(A−1), A = R/S to four decimals, rounded up)":                                                                                                                                                                                             "2 CCR §20530 (tasa de validez con dos decimales, recuento sin corregir redondeado al alza), §20531 (corrección de duplicadas D × A(A−1), A = R/S con cuatro decimales, redondeada al alza)",
	"Elections Code §11225: more than 110% sufficient; 90% to 110% full count; below 90% insufficient":                                                                                                                                                                                                                                                       "Elections Code §11225: más del 110 %, suficiente; del 90 % al 110 %, recuento completo; menos del 90 %, insuficiente",
	"Elections Code §11222 (raw count on filing); a raw count below the requirement cannot qualify":                                                                                                                                                                                                                                                          "Elections Code §11222 (recuento bruto al presentarse); un recuento bruto inferior al requisito no puede prosperar",
	"sampling rule of the pack": "norma de muestreo del conjunto",
	"C.R.S. 1-40-116(4); the Secretary of State's random sample summaries": "C.R.S. 1-40-116(4); los resúmenes de muestras aleatorias de la Secretaría de Estado",
}

// engineFormats are the engine's formats — the projection steps' (sample.Step.Form) and
// signet.Error's (Errorf's format) — keyed by the English format, with the same verbs: they
// join the catalog, and the values are written in the reader's language. The engine's
// values in a refusal (ids, a file's column, a detail it gives in words) stay as they are.
var engineFormats = map[string]string{
	// the projection, step by step
	"V / S = %s / %s = %s%% (rounded to two decimals)":                                        "V / S = %s / %s = %s\u00a0%% (redondeado a dos decimales)",
	"R × rate = %s × %s%% = %s → %s (rounded up)":                                             "R × tasa = %s × %s\u00a0%% = %s → %s (redondeado al alza)",
	"A = R / S = %s / %s = %s (rounded to four decimals)":                                     "A = R / S = %s / %s = %s (redondeado a cuatro decimales)",
	"D × weight = %s × %s = %s → %s (rounded up)":                                             "D × peso = %s × %s = %s → %s (redondeado al alza)",
	"uncorrected − estimated duplicates = %s − %s = %s":                                       "sin corregir − duplicadas estimadas = %s − %s = %s",
	"R × V / S = %s × %s / %s = %s → %s (rounded up)":                                         "R × V / S = %s × %s / %s = %s → %s (redondeado al alza)",
	"R × V / S = %s × %s / %s = %s → %s (rounded to the nearest whole number)":                "R × V / S = %s × %s / %s = %s → %s (redondeado al entero más próximo)",
	"R = %s lines filed < %s required: the petition cannot qualify and no sample is verified": "R = %s líneas presentadas < %s requeridas: la petición no puede prosperar y no se verifica ninguna muestra",
	"1.5 × √I = %s":                             "1,5 × √I = %s",
	"U = (I + allowance) / r = %s":              "U = (I + margen) / r = %s",
	"E − 1.65 × √E = %s":                        "E − 1,65 × √E = %s",
	"P ≤ 0: every signature is canvassed":       "P ≤ 0: se examinan todas las firmas",
	"d = %s ≤ %s: accepted":                     "d = %s ≤ %s: aceptada",
	"d = %s > %s: every signature is canvassed": "d = %s > %s: se examinan todas las firmas",

	// refusals a person meets on the pages (signet.Errorf's formats)
	"no such page":               "no existe esa página",
	"no petition %q":             "no hay ninguna petición %q",
	"petition %q has no line %q": "la petición %q no tiene ninguna línea %q",
	"petition %q has no line %q (line ids are <section>-<line number>)":                               "la petición %q no tiene ninguna línea %q (los identificadores de línea son <sección>-<número de línea>)",
	"petition %q has no challenge %d":                                                                 "la petición %q no tiene ninguna impugnación %d",
	"no job %s on this server (jobs are forgotten when it restarts)":                                  "no hay ningún trabajo %s en este servidor (los trabajos se olvidan al reiniciarlo)",
	"line %s of petition %s is another clerk's: claim the next line":                                  "la línea %s de la petición %s es de otro empleado: tome la siguiente línea",
	"your lease on line %s of petition %s has expired: claim the next line":                           "su reserva de la línea %s de la petición %s ha caducado: tome la siguiente línea",
	"%s holds no lease on line %q of petition %q":                                                     "%s no tiene reservada la línea %q de la petición %q",
	"nobody holds a lease on line %q of petition %q":                                                  "nadie tiene reservada la línea %q de la petición %q",
	"challenge %d of petition %s is %s already":                                                       "la impugnación %d de la petición %s ya está en estado %s",
	"line %s of petition %s has an open challenge already (%d)":                                       "la línea %s de la petición %s ya tiene una impugnación abierta (%d)",
	"line %s of petition %s is valid: only an invalid line is challenged":                             "la línea %s de la petición %s es válida: solo se impugna una línea no válida",
	"a denied challenge names no voter":                                                               "una impugnación denegada no nombra a ningún votante",
	"%q is not a reason code (want one of %s)":                                                        "%q no es un código de motivo (debe ser uno de %s)",
	"reason other needs a sub-reason, one of %s (%q is not one)":                                      "el motivo other necesita un submotivo, uno de %s (%q no lo es)",
	"only reason other has a sub-reason":                                                              "solo el motivo other tiene submotivo",
	"a valid line has no reason code":                                                                 "una línea válida no lleva código de motivo",
	"a stated reason is required":                                                                     "hace falta un motivo expreso",
	"signature decision %q: want match or mismatch":                                                   "decisión de firma %q: debe ser match o mismatch",
	"voter %q is not one of the candidates of line %s: choose among them, or none":                    "el votante %q no es uno de los candidatos de la línea %s: elija entre ellos, o ninguno",
	"a valid line names the voter the signer is (one of the candidates of line %s)":                   "una línea válida nombra al votante que es el firmante (uno de los candidatos de la línea %s)",
	"%s: line %d, column %d (%s): %s":                                                                 "%s: línea %d, columna %d (%s): %s",
	"%s: line 1, column %d (a header): %s":                                                            "%s: línea 1, columna %d (un encabezado): %s",
	"%s: line 1: header %q appears twice":                                                             "%s: línea 1: el encabezado %q aparece dos veces",
	"%s: the file is empty: a %s needs a header row":                                                  "%s: el archivo está vacío: un %s necesita una fila de encabezados",
	"%s: line 1: the header lacks required column(s) %s; map other names with --columns field=header": "%s: línea 1: al encabezado le faltan columnas obligatorias %s; asigne otros nombres con --columns campo=encabezado",
	"%s: line %d, column line_id: petition %q has no line %q":                                         "%s: línea %d, columna line_id: la petición %q no tiene ninguna línea %q",
	"column map %q: each entry must be field=header":                                                  "mapa de columnas %q: cada entrada debe ser campo=encabezado",

	// refusals of the records' forms and API (records.go): the jurisdictions, reports and
	// petitions created, the filing, the sample and the projection
	"%s: %q is not a date (want YYYY-MM-DD, YYYYMMDD or MM/DD/YYYY)":                                                   "%s: %q no es una fecha (debe ser AAAA-MM-DD, AAAAMMDD o MM/DD/AAAA)",
	"%s: %.20q is not a whole number":                                                                                  "%s: %.20q no es un número entero",
	"the ZIP codes: %v":                                                                                                "los códigos postales: %v",
	"%.20q is not a five-digit ZIP code":                                                                               "%.20q no es un código postal de cinco dígitos",
	"a jurisdiction needs its ZIP codes: give them separated by commas":                                                "una jurisdicción necesita sus códigos postales: indíquelos separados por comas",
	"give either the registered count or from the roll, one of them":                                                   "indique o el número de inscritos o que se cuenten en el padrón, uno de los dos",
	"jurisdiction %q already exists":                                                                                   "la jurisdicción %q ya existe",
	"registration report %q already exists":                                                                            "el informe de inscripción %q ya existe",
	"petition %q already exists":                                                                                       "la petición %q ya existe",
	"no jurisdiction %q (create it with: signet jurisdiction create --id %s ...)":                                      "no hay ninguna jurisdicción %q (créela con: signet jurisdiction create --id %s ...)",
	"no registration report %q (add one with: signet registration add)":                                                "no hay ningún informe de inscripción %q (añada uno con: signet registration add)",
	"report %s: the registered count must be at least 1 (it is %d): a requirement computed from it would be 0":         "informe %s: el número de inscritos debe ser al menos 1 (es %d): un requisito calculado a partir de él sería 0",
	"no rule pack %q (known: %v)":                                                                                      "no existe el conjunto de reglas %q (conocidos: %v)",
	"petition kind %q: want local-recall, state-recall, initiative or referendum":                                      "tipo de petición %q: debe ser local-recall, state-recall, initiative o referendum",
	"a petition needs an id and the date its form was approved":                                                        "una petición necesita un identificador y la fecha de aprobación de su formulario",
	"petition %s: the requirement needs a registration report (or, for a state-officer recall, the last vote)":         "petición %s: el requisito necesita un informe de inscripción (o, para la revocación de un cargo estatal, la última votación)",
	"report %s counts %s, not %s":                                                                                      "el informe %s cuenta %s, no %s",
	"registration cut-off %q: want signing_date or filing_date":                                                        "fecha límite de inscripción %q: debe ser signing_date o filing_date",
	"duplicate policy %q: want keep_first or strike_all":                                                               "política de duplicadas %q: debe ser keep_first o strike_all",
	"setting %q: want name=value":                                                                                      "ajuste %q: debe ser nombre=valor",
	"pack %s has no setting %q (settings: %v)":                                                                         "el conjunto %s no tiene ningún ajuste %q (ajustes: %v)",
	"petition %q cannot be filed on %s: its form was approved on %s, and signatures are gathered on the approved form": "la petición %q no puede presentarse el %s: su formulario se aprobó el %s, y las firmas se recogen en el formulario aprobado",
	"petition %q was already filed on %s with %d lines":                                                                "la petición %q ya se presentó el %s con %d líneas",
	"petition %q: %d filed lines are verified in full, not sampled (%s)":                                               "petición %q: %d líneas presentadas se verifican todas, sin muestra (%s)",
	"petition %q was filed on a raw count of %d with no lines imported: its sample cannot be stored (draw it without storing: %s)": "la petición %q se presentó con un recuento bruto de %d sin líneas importadas: su muestra no se puede guardar (sáquela sin guardarla: %s)",

	// what a page says of a failure of Signet's own (web/errors.go, web/jobs.go)
	"internal error: the server could not answer; it is logged": "error interno: el servidor no pudo responder; queda registrado",
	"internal error: the job failed; it is logged":              "error interno: el trabajo falló; queda registrado",
	"the server stopped before the job ended":                   "el servidor se detuvo antes de que terminara el trabajo",
	// issue 12: an admin's password reset
	"that is your own account: change your own password with your current one": "es su propia cuenta: cambie su contraseña con la actual",
	"a password reset names who made it":                                       "un restablecimiento de contraseña nombra a quien lo hizo",
}
