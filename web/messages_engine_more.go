package web

// More of the engine's words in Spanish (issue 12): the citations of every rule pack but the
// California local recall's (messages_engine.go has those), the faults of a value that
// follow a refusal's framing (csvfile, the records' checks), more of registrar's refusals and
// the campaign pages' pre-check signals. They join engineTexts and engineFormats when the
// catalog is built (buildCatalog), kept apart here so that each list grows in its own block.

// addMoreEngineWords adds this file's lists to engineTexts and engineFormats.
func addMoreEngineWords() {
	for en, es := range stateRecallFormats { // the state-officer recall's forms (staterecall block, end of file)
		addEngineText(engineFormats, en, es)
	}
	for _, m := range []map[string]string{lawCiteTexts, valueFaultTexts} {
		for en, es := range m {
			addEngineText(engineTexts, en, es)
		}
	}
	for _, m := range []map[string]string{valueFaultFormats, refusalFormats, signalFormats, deskCampaignFormats, webRefusalFormats} {
		for en, es := range m {
			addEngineText(engineFormats, en, es)
		}
	}
}

// addEngineText adds one translation to a catalog of the engine's words. A text both files
// translate must be translated alike: two Spanish texts for one English one are a
// programming error, caught by any test.
func addEngineText(m map[string]string, en, es string) {
	if old, ok := m[en]; ok && old != es {
		panic("two Spanish texts for " + en + ": " + old + " / " + es)
	}
	m[en] = es
}

// lawCiteTexts are the citations of the packs, every version of them, in Spanish: the
// statute as the pack writes it, the sentences around it translated (law.Rules's *Cite;
// TestEveryCitationInSpanish walks them).
var lawCiteTexts = map[string]string{
	// the duplicate policy a petition may set beside keep_first
	"strike_all": "se anulan todas",
	// az-statewide-initiative
	"Ariz. Const. art. IV pt. 1 §1(2): 10% for a statute; 15% for a constitutional amendment (setting percent); 5% for a referendum §1(3)": "Ariz. Const. art. IV pt. 1 §1(2): el 10 % para una ley; el 15 % para una enmienda constitucional (ajuste percent); el 5 % para un referéndum, §1(3)",
	"Ariz. Const. art. IV pt. 1 §1(4): filed not less than four months before the election":                                                "Ariz. Const. art. IV pt. 1 §1(4): presentada no menos de cuatro meses antes de la elección",
	"A.R.S. 19-121.01(A): the Secretary of State removes ineligible sheets and signatures, counts and selects the random sample within 20 days after the filing, excluding Saturdays, Sundays and other legal holidays; 19-121.02(A): each county recorder certifies its part of the sample within 15 such days after receiving the facsimile sheets; so the sample ends at the latest 35 working days after the filing; 19-121.04(A): the Secretary of State then determines the valid total within 72 hours, excluding Saturdays, Sundays and holidays": "A.R.S. 19-121.01(A): la Secretaría de Estado retira las hojas y firmas no admisibles, cuenta y selecciona la muestra aleatoria en los 20 días siguientes a la presentación, sin contar sábados, domingos ni otros festivos legales; 19-121.02(A): cada registrador de condado certifica su parte de la muestra en los 15 días de ese tipo siguientes a la recepción de las copias de las hojas; así la muestra termina a más tardar 35 días hábiles después de la presentación; 19-121.04(A): la Secretaría de Estado determina después el total válido en 72 horas, sin contar sábados, domingos ni festivos",
	"A.R.S. 19-121.02(A)(8): a petitioner who signed more than once: all but one otherwise valid signature disqualified": "A.R.S. 19-121.02(A)(8): de un firmante que firmó más de una vez se descalifican todas sus firmas, por lo demás válidas, salvo una",
	"A.R.S. 19-121.02(A)(5): not a qualified elector on the date of signing the petition":                                "A.R.S. 19-121.02(A)(5): no ser elector calificado en la fecha en que firmó la petición",
	"A.R.S. 19-121.01(B): a random sample of 5% of the eligible signatures":                                              "A.R.S. 19-121.01(B): una muestra aleatoria del 5 % de las firmas admisibles",
	"A.R.S. 19-121.04: valid = eligible − removed − rejected − (the sample's failure rate × remaining)":                  "A.R.S. 19-121.04: válidas = admisibles − retiradas − rechazadas − (la tasa de fallo de la muestra × las restantes)",
	"A.R.S. 19-121.04 (domain.md §5): qualifies at 100% or more":                                                         "A.R.S. 19-121.04 (domain.md §5): prospera con el 100 % o más",

	// ca-county-initiative
	"Elections Code §9118: 10% of the county's gubernatorial vote (setting percent; §9116 asks 20% for a special election)": "Elections Code §9118: el 10 % de los votos del condado para gobernador (ajuste percent; §9116 pide el 20 % para una elección especial)",
	"Elections Code §9110: 180 days from the receipt of the ballot title and summary":                                       "Elections Code §9110: 180 días desde la recepción del título y el resumen de la papeleta",
	"Elections Code §9115(a) (the random sample within 30 days from the filing, excluding Saturdays, Sundays and holidays), §9115(b) as it stood before Stats. 2023, ch. 870 (SB 386), in force 2024-01-01 (after a sample in the 95–110% band, every signature within 60 such days from the filing), §9114 (a petition not sampled: 30 such days)": "Elections Code §9115(a) (la muestra aleatoria en 30 días desde la presentación, sin contar sábados, domingos ni festivos), §9115(b) en su redacción anterior a Stats. 2023, ch. 870 (SB 386), vigente desde el 2024-01-01 (tras una muestra en la franja del 95–110 %, todas las firmas en 60 días de ese tipo desde la presentación), §9114 (una petición sin muestra: 30 días de ese tipo)",
	"Elections Code §9115(a): a random sample of at least 500 or 3%, whichever is greater":                   "Elections Code §9115(a): una muestra aleatoria de al menos 500 o el 3 %, lo que sea mayor",
	"Elections Code §9115(d)–(f): more than 110% sufficient; 95% to 110% full count; below 95% insufficient": "Elections Code §9115(d)–(f): más del 110 %, suficiente; del 95 % al 110 %, recuento completo; menos del 95 %, insuficiente",
	"Elections Code §9115: a raw count below the requirement cannot qualify":                                 "Elections Code §9115: un recuento bruto inferior al requisito no puede prosperar",
	"Elections Code §9115(a) (the random sample within 30 days from the filing, excluding Saturdays, Sundays and holidays), §9115(b) as amended by Stats. 2023, ch. 870 (SB 386), in force from 2024-01-01 (after a sample in the 95–110% band, every signature within 90 such days from the filing), §9114 (a petition not sampled: 30 such days)": "Elections Code §9115(a) (la muestra aleatoria en 30 días desde la presentación, sin contar sábados, domingos ni festivos), §9115(b) en la redacción de Stats. 2023, ch. 870 (SB 386), vigente desde el 2024-01-01 (tras una muestra en la franja del 95–110 %, todas las firmas en 90 días de ese tipo desde la presentación), §9114 (una petición sin muestra: 30 días de ese tipo)",

	// ca-state-recall
	"Cal. Const. art. II §14(b): 12% of the last vote for the office; 20% for Senators, Assembly members, Board of Equalization members, appellate and trial judges (setting percent=20)": "Cal. Const. art. II §14(b): el 12 % de los últimos votos para el cargo; el 20 % para senadores, miembros de la Asamblea, miembros de la Board of Equalization y jueces de apelación y de primera instancia (ajuste percent=20)",
	"Elections Code §11110: 160 days from the approval of the petition form":                                                                                                              "Elections Code §11110: 160 días desde la aprobación del formulario de la petición",
	"Elections Code §11104(b), §11106 as they stood before Stats. 2023, ch. 870 (SB 386), in force 2024-01-01: the counties verify the remaining signatures in the manner of §9031(b), within 30 days excluding Saturdays, Sundays and holidays (the Newsom 2021 schedule: filed 2021-03-17, the counties' deadline 2021-04-29; the text of §11106 before SB 386 was not at hand); a petition sampled before 2017-06-27: the sample within 30 such days (§9030(d)); after the threshold is met, 30 business days for withdrawals (§11108(b))": "Elections Code §11104(b), §11106 en su redacción anterior a Stats. 2023, ch. 870 (SB 386), vigente desde el 2024-01-01: los condados verifican las firmas restantes a la manera del §9031(b), en 30 días sin contar sábados, domingos ni festivos (el calendario de Newsom en 2021: presentada el 2021-03-17, plazo de los condados el 2021-04-29; no se disponía del texto del §11106 anterior a SB 386); una petición con muestra anterior al 2017-06-27: la muestra en 30 días de ese tipo (§9030(d)); alcanzado el umbral, 30 días hábiles para retiradas de firmas (§11108(b))",
	"Elections Code §11105 before Stats. 2017, ch. 28 (SB 96): a random sample of 500 or 3%, whichever is greater":                                                                                                                                "Elections Code §11105 anterior a Stats. 2017, ch. 28 (SB 96): una muestra aleatoria de 500 o el 3 %, lo que sea mayor",
	"the statewide bands of Elections Code §9030(f)–(g) (domain.md §4.3; the recall sections were not at hand), for a petition sampled under §11105 before 2017-06-27: more than 110% sufficient; 95% to 110% full count; below 95% insufficient": "las franjas estatales del Elections Code §9030(f)–(g) (domain.md §4.3; no se disponía de las secciones sobre revocación), para una petición con muestra según el §11105 anterior al 2017-06-27: más del 110 %, suficiente; del 95 % al 110 %, recuento completo; menos del 95 %, insuficiente",
	"Elections Code §11104: a raw count below the requirement ends the petition":                                                                                                                                                                  "Elections Code §11104: un recuento bruto inferior al requisito pone fin a la petición",
	"Elections Code §11104(b), §11106(a) as amended by Stats. 2023, ch. 870 (SB 386), in force from 2024-01-01: the counties verify the remaining signatures in the manner of §9031(b), within 60 days excluding Saturdays, Sundays and holidays; §11106(b): within 30 such days from the filing when the Secretary of State determines the 60 could keep the recall from consolidating with the next regularly scheduled election (Cal. Const. art. II §15; not modelled); a petition sampled before 2017-06-27: the sample within 30 such days (§9030(d)); after the threshold is met, 30 business days for withdrawals (§11108(b))": "Elections Code §11104(b), §11106(a) en la redacción de Stats. 2023, ch. 870 (SB 386), vigente desde el 2024-01-01: los condados verifican las firmas restantes a la manera del §9031(b), en 60 días sin contar sábados, domingos ni festivos; §11106(b): en 30 días de ese tipo desde la presentación cuando la Secretaría de Estado determina que los 60 podrían impedir que la revocación coincida con la siguiente elección ordinaria (Cal. Const. art. II §15; no modelado); una petición con muestra anterior al 2017-06-27: la muestra en 30 días de ese tipo (§9030(d)); alcanzado el umbral, 30 días hábiles para retiradas de firmas (§11108(b))",
	"Elections Code §11105 repealed and §11106 amended by Stats. 2017, ch. 28 (SB 96), in force 2017-06-27, enacted again by SB 117 (2017): the elections official examines and verifies every signature filed; no random sampling": "Elections Code §11105 derogado y §11106 modificado por Stats. 2017, ch. 28 (SB 96), vigente desde el 2017-06-27, promulgado de nuevo por SB 117 (2017): el funcionario electoral examina y verifica todas las firmas presentadas; sin muestreo aleatorio",

	// ca-statewide-initiative
	"Cal. Const. art. II §8(b): 5% for a statute, 8% for a constitutional amendment (setting percent=8); art. II §9(b): 5% for a referendum": "Cal. Const. art. II §8(b): el 5 % para una ley, el 8 % para una enmienda constitucional (ajuste percent=8); art. II §9(b): el 5 % para un referéndum",
	"Elections Code §9014: 180 days from the official summary date":                                                                          "Elections Code §9014: 180 días desde la fecha del resumen oficial",
	"Elections Code §9030(d) (the random sample within 30 days after the Secretary of State's notification, excluding Saturdays, Sundays and holidays), §9031(b) as it stood before Stats. 2023, ch. 870 (SB 386), in force 2024-01-01 (the examination of every signature within 30 such days of the Secretary of State's order)": "Elections Code §9030(d) (la muestra aleatoria en 30 días tras la notificación de la Secretaría de Estado, sin contar sábados, domingos ni festivos), §9031(b) en su redacción anterior a Stats. 2023, ch. 870 (SB 386), vigente desde el 2024-01-01 (el examen de todas las firmas en 30 días de ese tipo desde la orden de la Secretaría de Estado)",
	"Elections Code §9030(d): a random sample of at least 500 or 3%, whichever is greater":           "Elections Code §9030(d): una muestra aleatoria de al menos 500 o el 3 %, lo que sea mayor",
	"Elections Code §9030(f)–(g): more than 110% qualifies; 95% to 110% full count; below 95% fails": "Elections Code §9030(f)–(g): más del 110 %, prospera; del 95 % al 110 %, recuento completo; menos del 95 %, no prospera",
	"Elections Code §9030(b): a raw count below 100% of the requirement fails without verification":  "Elections Code §9030(b): un recuento bruto inferior al 100 % del requisito no prospera, sin verificación",
	"Elections Code §9030(d) (within 30 days after the Secretary of State's notification, excluding Saturdays, Sundays and holidays: a random sample, or every signature when 500 or fewer were filed with the county), §9031(b) as amended by Stats. 2023, ch. 870 (SB 386), in force from 2024-01-01 (the examination of every signature within 60 such days of the Secretary of State's order)": "Elections Code §9030(d) (en 30 días tras la notificación de la Secretaría de Estado, sin contar sábados, domingos ni festivos: una muestra aleatoria, o todas las firmas cuando se presentaron 500 o menos en el condado), §9031(b) en la redacción de Stats. 2023, ch. 870 (SB 386), vigente desde el 2024-01-01 (el examen de todas las firmas en 60 días de ese tipo desde la orden de la Secretaría de Estado)",

	// co-statewide-initiative
	"Colo. Const. art. V §1(2): registered electors equal to at least 5% of the total votes cast for all candidates for Secretary of State at the previous general election (\"at least\": rounded up; the Secretary of State's guide: 1,722,096 × 5% = 86,104.8 → 86,105 for 2011–2012, 2,484,758 × 5% = 124,237.9 → 124,238 for 2023–2024); a constitutional amendment also needs 2% of the registered electors of each state senate district (art. V §1(2.5), not modelled)":                                                                                                         "Colo. Const. art. V §1(2): electores inscritos en número igual al menos al 5 % del total de votos emitidos para todos los candidatos a Secretario de Estado en la elección general anterior («al menos»: redondeado al alza; la guía de la Secretaría de Estado: 1.722.096 × 5 % = 86.104,8 → 86.105 para 2011–2012, 2.484.758 × 5 % = 124.237,9 → 124.238 para 2023–2024); una enmienda constitucional necesita además el 2 % de los electores inscritos de cada distrito senatorial del estado (art. V §1(2.5), no modelado)",
	"C.R.S. 1-40-108(1): filed within six months from the date the Title Board fixed the titles and submission clause; Colo. Const. art. V §1(2): and at least three months before the general election (not modelled: compare the deadline with the election)":                                                                                                                                                                                                                                                                                                                         "C.R.S. 1-40-108(1): presentada en los seis meses siguientes a la fecha en que la Title Board fijó los títulos y la cláusula de sometimiento; Colo. Const. art. V §1(2): y al menos tres meses antes de la elección general (no modelado: compare el plazo con la elección)",
	"C.R.S. 1-40-116(2): upon submission the Secretary of State examines each name and signature, the petition withheld from the public \"for a period of no more than thirty calendar days for the examination\"; the random sample and, in the band, the examination of every signature share that period (Initiative 30, filed 2012-01-04: the statement of 2012-01-19 gave the office until 2012-02-03 for the line-by-line review); 1-40-117: the statement of sufficiency or insufficiency (the Secretary of State's guide: no later than thirty calendar days after the filing)": "C.R.S. 1-40-116(2): al presentarse, la Secretaría de Estado examina cada nombre y firma, y la petición queda retirada del público «por un período de no más de treinta días naturales para el examen»; la muestra aleatoria y, en la franja, el examen de todas las firmas comparten ese período (Initiative 30, presentada el 2012-01-04: la declaración del 2012-01-19 dio a la oficina hasta el 2012-02-03 para la revisión línea por línea); 1-40-117: la declaración de suficiencia o insuficiencia (la guía de la Secretaría de Estado: a más tardar treinta días naturales después de la presentación)",
	"a voter's signature counts once; the sources read (C.R.S. 1-40-116(3), 8 CCR 1505-1 Rule 15.1) do not say which of a voter's lines stays: keep_first, the project's default; the published projections make no duplicate correction":                                                                                                                                                                                                                                                                                                                                               "la firma de un votante cuenta una vez; las fuentes leídas (C.R.S. 1-40-116(3), 8 CCR 1505-1 Rule 15.1) no dicen cuál de las líneas de un votante se queda: keep_first, la opción por omisión del proyecto; las proyecciones publicadas no corrigen las duplicadas",
	"C.R.S. 1-40-116(3): a signer is a registered elector if the name and address are on the master voting list at the time of signing the section of the petition":                                                                                                                                                                                                                                                                                                                                                                                                                     "C.R.S. 1-40-116(3): un firmante es elector inscrito si su nombre y dirección constan en la lista maestra de votantes en el momento de firmar la sección de la petición",
	"C.R.S. 1-40-116(4)(a): the Secretary of State examines the signatures by random sampling, drawn so that every signature filed has an equal opportunity to be in the sample; 5% of the lines, rounded up, in every published statement (Initiative 108, 2022-08-19: 230,748 × 5% = 11,537.4 → 11,538); a minimum sample size is not confirmed (setting sample_minimum, default 0)":                                                                                                                                                                                                  "C.R.S. 1-40-116(4)(a): la Secretaría de Estado examina las firmas por muestreo aleatorio, de modo que cada firma presentada tenga igual oportunidad de entrar en la muestra; el 5 % de las líneas, redondeado al alza, en cada declaración publicada (Initiative 108, 2022-08-19: 230.748 × 5 % = 11.537,4 → 11.538); no está confirmado un tamaño mínimo de muestra (ajuste sample_minimum, 0 por omisión)",
	"C.R.S. 1-40-116(4); the Secretary of State's random sample summaries: projected valid = R × V / S rounded to the nearest whole number, no duplicate correction (Initiative 82, 2012-08-27: 90,935.006 → 90,935; Initiative 30, 2012-01-19: 88,718.92 → 88,719); the percentage of the requirement to two decimals (103.04%)":                                                                                                                                                                                                                                                       "C.R.S. 1-40-116(4); los resúmenes de muestras aleatorias de la Secretaría de Estado: válidas proyectadas = R × V / S redondeado al entero más próximo, sin corrección de duplicadas (Initiative 82, 2012-08-27: 90.935,006 → 90.935; Initiative 30, 2012-01-19: 88.718,92 → 88.719); el porcentaje del requisito con dos decimales (103,04 %)",
	"C.R.S. 1-40-117(2): the statement says whether the signatures presumed valid were \"ninety percent of the required total or less or one hundred ten percent of the required total or more\"; 1-40-116(4): between the two, every signature filed is examined (the Secretary of State, 2012-01-19 and 2012-08-27: \"falls between 90 percent and 110 percent\")":                                                                                                                                                                                                                    "C.R.S. 1-40-117(2): la declaración dice si las firmas que se presumen válidas eran «el noventa por ciento del total requerido o menos, o el ciento diez por ciento del total requerido o más»; 1-40-116(4): entre ambos, se examinan todas las firmas presentadas (la Secretaría de Estado, 2012-01-19 y 2012-08-27: «está entre el 90 por ciento y el 110 por ciento»)",
	"8 CCR 1505-1 Rule 15.1.2(e) (Rule 15.1: statewide initiative petitions among others): when fewer lines are submitted than the signatures required, the Secretary of State issues a statement of insufficiency and reviews no line (the rule as it now stands; the date it took effect was not at hand)":                                                                                                                                                                                                                                                                            "8 CCR 1505-1 Rule 15.1.2(e) (Rule 15.1: entre otras, las peticiones de iniciativa estatal): cuando se presentan menos líneas que las firmas requeridas, la Secretaría de Estado emite una declaración de insuficiencia y no revisa ninguna línea (la norma en su redacción actual; no se disponía de la fecha en que entró en vigor)",

	// nv-local
	"NRS 295.095(2): a county initiative petition, registered voters of the county equal to 15% or more of the voters who voted at the last preceding general election in the county (10% for a referendum, §295.095(3): setting percent); NRS 295.205: a city petition, 15% of the last city election's vote": "NRS 295.095(2): una petición de iniciativa de condado, votantes inscritos del condado en número igual al 15 % o más de los votantes que votaron en la última elección general en el condado (el 10 % para un referéndum, §295.095(3): ajuste percent); NRS 295.205: una petición municipal, el 15 % de los votos de la última elección municipal",
	"180 days, an unconfirmed default (setting circulation_days): the pack once cited NRS 295.045, which is the statewide referendum's filing and fixes no local period":                                                                                                                                       "180 días, un valor por omisión no confirmado (ajuste circulation_days): el conjunto citaba antes NRS 295.045, que trata de la presentación del referéndum estatal y no fija ningún período local",
	"the sources at hand give no verification periods: settings sample_days and full_count_days (working days), unset by default":                                                                                                                                                                              "las fuentes disponibles no dan plazos de verificación: ajustes sample_days y full_count_days (días hábiles), sin fijar por omisión",
	"a voter signs once; keep_first (domain.md §3 default)": "un votante firma una vez; keep_first (opción por omisión de domain.md §3)",
	"a registered voter at the time of signing":             "un votante inscrito en el momento de firmar",
	"NRS 295.250–295.260 (domain.md §5): 500 lines or fewer are all checked; otherwise at least 500 or 5%, whichever is greater": "NRS 295.250–295.260 (domain.md §5): si se presentan 500 líneas o menos, se comprueban todas; si no, al menos 500 o el 5 %, lo que sea mayor",
	"domain.md §5: projection from the sample's validity rate (no duplicate correction is given)":                                "domain.md §5: proyección a partir de la tasa de validez de la muestra (no se da ninguna corrección de duplicadas)",
	"domain.md §5 (NRS 295.250–295.260): below 90% insufficient; 90% to below 100% keep verifying; 100% or more sufficient":      "domain.md §5 (NRS 295.250–295.260): menos del 90 %, insuficiente; del 90 % a menos del 100 %, se sigue verificando; el 100 % o más, suficiente",
	"NRS 295.250(2)(b): a total below 100% of the required signatures is insufficient and the clerk does not examine them":       "NRS 295.250(2)(b): un total inferior al 100 % de las firmas requeridas es insuficiente y el secretario no las examina",

	// nv-recall
	"Nev. Const. art. 2 §9: not less than 25 percent of the number who actually voted in the State or in the county, district or municipality the officer represents, at the election in which the officer was elected (\"not less than\": rounded up); NRS 306.020(1)":                                                                                                                                                                                                                                                                                                                                         "Nev. Const. art. 2 §9: no menos del 25 por ciento de quienes efectivamente votaron en el Estado o en el condado, distrito o municipio que representa el cargo, en la elección en la que fue elegido («no menos de»: redondeado al alza); NRS 306.020(1)",
	"NRS 306.015(3) before Stats. 2019, ch. 288: the petition submitted to the filing officer within 90 days after the date on which the notice of intent was filed (NRS 306.015(1): the notice of intent comes before any circulation; give its filing as --approved). Earlier law (a 60-day limit, upheld in Citizens for Honest & Responsible Gov't v. Heller, 11 P.3d 121 (Nev. 2000)) is not recorded: the day it changed was not at hand":                                                                                                                                                                 "NRS 306.015(3) anterior a Stats. 2019, ch. 288: la petición se entrega al funcionario de presentación en los 90 días siguientes a la fecha en que se presentó la notificación de intención (NRS 306.015(1): la notificación de intención precede a toda circulación; indique su presentación como --approved). La ley anterior (un límite de 60 días, confirmado en Citizens for Honest & Responsible Gov't v. Heller, 11 P.3d 121 (Nev. 2000)) no consta: no se disponía del día en que cambió",
	"NRS 306.035(1)–(2): the county clerks verify under NRS 293.1276–293.1279 before the petition is filed; NRS 293.1276(1) (as amended by 1999 AB 671, which added NRS 306.035 to it; the current text was not at hand): the raw count within 4 days, excluding Saturdays, Sundays and holidays, after the submission; NRS 293.1277(1): the sample within 20 such days after the Secretary of State's notification, for a petition verified under NRS 306.035: so at the latest 24 working days after the submission; the examination of every signature: NRS 293.1279, not at hand (setting full_count_days)": "NRS 306.035(1)–(2): los secretarios de condado verifican según NRS 293.1276–293.1279 antes de que se presente la petición; NRS 293.1276(1) (en la redacción de 1999 AB 671, que le añadió NRS 306.035; no se disponía del texto vigente): el recuento bruto en 4 días, sin contar sábados, domingos ni festivos, tras la entrega; NRS 293.1277(1): la muestra en 20 días de ese tipo tras la notificación de la Secretaría de Estado, para una petición verificada según NRS 306.035: así, a más tardar 24 días hábiles tras la entrega; el examen de todas las firmas: NRS 293.1279, del que no se disponía (ajuste full_count_days)",
	"a voter signs once; keep_first (domain.md §3 default; the Nevada sections read say nothing of duplicates)":                                                                             "un votante firma una vez; keep_first (opción por omisión de domain.md §3; las secciones de Nevada leídas no dicen nada de las duplicadas)",
	"NRS 306.020(3): a registered voter of the State or of the county, district or municipality the officer represents who actually voted in the election at which the officer was elected": "NRS 306.020(3): un votante inscrito del Estado o del condado, distrito o municipio que representa el cargo que efectivamente votó en la elección en la que fue elegido",
	"NRS 293.1277(2)–(3): when more than 500 names are signed on the documents submitted to a county clerk, the clerk examines a random sample (500 or fewer: every signature); the sample's size, at least 500 or 5% whichever is greater, is the issue's summary and matches the local rule of NRS 295.260(2): the text of 293.1277(2) was not at hand past its first words (setting sample_percent). NAC 293.1825(1): where a petition district spans counties, the Secretary of State sets each clerk's share of the sample": "NRS 293.1277(2)–(3): cuando se firman más de 500 nombres en los documentos entregados a un secretario de condado, este examina una muestra aleatoria (500 o menos: todas las firmas); el tamaño de la muestra, al menos 500 o el 5 %, lo que sea mayor, es el resumen de la incidencia y coincide con la norma local de NRS 295.260(2): no se disponía del texto de 293.1277(2) más allá de sus primeras palabras (ajuste sample_percent). NAC 293.1825(1): cuando un distrito de petición abarca varios condados, la Secretaría de Estado fija la parte de la muestra de cada secretario",
	"NRS 293.1277–293.1278: the sample's validity rate applied to the signatures submitted; the sections read give no duplicate correction (the formula of NRS 293.1278 was not at hand)":                                                                                                                                                                                                                                                                                                             "NRS 293.1277–293.1278: la tasa de validez de la muestra aplicada a las firmas entregadas; las secciones leídas no dan ninguna corrección de duplicadas (no se disponía de la fórmula de NRS 293.1278)",
	"NRS 293.1278–293.1279 (not at hand: the bands are the issue's summary of those sections, to confirm): a sample projecting more than 110% of the requirement is sufficient; 90% to 110%, the county clerks examine every signature; below 90%, insufficient":                                                                                                                                                                                                                                      "NRS 293.1278–293.1279 (no disponibles: las franjas son el resumen de esas secciones que da la incidencia, por confirmar): una muestra que proyecta más del 110 % del requisito es suficiente; del 90 % al 110 %, los secretarios de condado examinan todas las firmas; menos del 90 %, insuficiente",
	"NRS 293.1276(1): each county clerk counts the signatures submitted within 4 days, excluding Saturdays, Sundays and holidays, and forwards the count to the Secretary of State; NRS 293.1277(1): the clerks verify only when the Secretary of State finds the total submitted to all the clerks 100 percent or more of the number needed, so a raw count below the requirement ends the petition unverified":                                                                                      "NRS 293.1276(1): cada secretario de condado cuenta las firmas entregadas en 4 días, sin contar sábados, domingos ni festivos, y envía el recuento a la Secretaría de Estado; NRS 293.1277(1): los secretarios solo verifican cuando la Secretaría de Estado halla que el total entregado a todos ellos es el 100 por ciento o más del número necesario, así que un recuento bruto inferior al requisito pone fin a la petición sin verificarla",
	"NRS 306.015(3)(b) as amended by Stats. 2019, ch. 288 (in force 2019-06-01; the chapter inferred from its amendment of NRS 306.035, to confirm): every signature submitted to the filing officer on or before the 90th day after the notice of intent was filed (give its filing as --approved); NRS 306.015(3)(a): the signatures collected through the 45th day must be submitted by the 48th day or they are not valid (one period is modelled: check the first submission's date separately)": "NRS 306.015(3)(b) en la redacción de Stats. 2019, ch. 288 (vigente desde el 2019-06-01; el capítulo se deduce de su modificación de NRS 306.035, por confirmar): todas las firmas entregadas al funcionario de presentación a más tardar el día 90 después de presentada la notificación de intención (indique su presentación como --approved); NRS 306.015(3)(a): las firmas recogidas hasta el día 45 deben entregarse a más tardar el día 48 o no son válidas (se modela un solo período: compruebe aparte la fecha de la primera entrega)",

	// nv-statewide-initiative
	"Nev. Const. art. 19 §2(2): registered voters equal to 10 percent or more of the voters who voted in the entire State at the last preceding general election (\"or more\": rounded up); the same for a statute and a constitutional amendment. The distribution: NRS 295.012, the number apportioned equally among the petition districts (PetitionDistrictShare), in place of art. 19 §2(2)'s 75 percent of the counties (held unconstitutional, ACLU v. Lomax, 9th Cir. 2006)":                                                                                                             "Nev. Const. art. 19 §2(2): votantes inscritos en número igual al 10 por ciento o más de los votantes que votaron en todo el Estado en la última elección general («o más»: redondeado al alza); lo mismo para una ley que para una enmienda constitucional. El reparto: NRS 295.012, el número repartido a partes iguales entre los distritos de petición (PetitionDistrictShare), en lugar del 75 por ciento de los condados de art. 19 §2(2) (declarado inconstitucional, ACLU v. Lomax, 9th Cir. 2006)",
	"NRS 295.056(2): an initiative proposing a statute or an amendment to a statute is submitted to the county clerks not later than the 15th day following the general election; 295.056(3)–(4): a constitutional amendment or a referendum, not later than the 15th day following the primary election (give that election as --election); 295.056(5): every county on the same day":                                                                                                                                                                                                           "NRS 295.056(2): una iniciativa que propone una ley o la modificación de una ley se entrega a los secretarios de condado a más tardar el 15.º día siguiente a la elección general; 295.056(3)–(4): una enmienda constitucional o un referéndum, a más tardar el 15.º día siguiente a la elección primaria (indique esa elección como --election); 295.056(5): todos los condados el mismo día",
	"NRS 295.056(1): the county clerks verify under NRS 293.1276–293.1279; NRS 293.1276(1) (as amended by 1999 AB 671; the current text was not at hand): the raw count within 4 days, excluding Saturdays, Sundays and holidays, after the submission; NRS 293.1277(1): the sample within 9 such days after the Secretary of State's notification, for a petition verified under NRS 295.056: so at the latest 13 working days after the submission (the Secretary of State notifies \"immediately\"); the examination of every signature: NRS 293.1279, not at hand (setting full_count_days)": "NRS 295.056(1): los secretarios de condado verifican según NRS 293.1276–293.1279; NRS 293.1276(1) (en la redacción de 1999 AB 671; no se disponía del texto vigente): el recuento bruto en 4 días, sin contar sábados, domingos ni festivos, tras la entrega; NRS 293.1277(1): la muestra en 9 días de ese tipo tras la notificación de la Secretaría de Estado, para una petición verificada según NRS 295.056: así, a más tardar 13 días hábiles tras la entrega (la Secretaría de Estado notifica «inmediatamente»); el examen de todas las firmas: NRS 293.1279, del que no se disponía (ajuste full_count_days)",
	"Nev. Const. art. 19 §2(2): registered voters; NRS 295.055(3): only registered voters of the petition district named on a document may sign it": "Nev. Const. art. 19 §2(2): votantes inscritos; NRS 295.055(3): solo los votantes inscritos del distrito de petición nombrado en un documento pueden firmarlo",

	// wa-statewide-initiative
	"Wash. Const. art. II §1(a): 8% for an initiative (setting percent; 4% for a referendum, art. II §1(b))": "Wash. Const. art. II §1(a): el 8 % para una iniciativa (ajuste percent; el 4 % para un referéndum, art. II §1(b))",
	"Wash. Const. art. II §1(a): filed not less than four months before the election":                        "Wash. Const. art. II §1(a): presentada no menos de cuatro meses antes de la elección",
	"RCW 29A.72.230: no statutory period for the canvass":                                                    "RCW 29A.72.230: no hay plazo legal para el escrutinio",
	"RCW 29A.72.230: a signature beyond the first of a voter is rejected; the first valid one counts":        "RCW 29A.72.230: se rechaza toda firma de un votante posterior a la primera; cuenta la primera válida",
	"RCW 29A.72.230: registered voters":                                                                      "RCW 29A.72.230: votantes inscritos",
	"RCW 29A.72.230: a random sample (size set by the Secretary of State; 3% is the setting sample_percent)": "RCW 29A.72.230: una muestra aleatoria (tamaño fijado por la Secretaría de Estado; el 3 % es el ajuste sample_percent)",
	"RCW 29A.72.230, WAC 434-379-010: allowance 1.5√I; U = (I + allowance)/r; P = N − (R + U); E = r²·P; acceptable pairs E − 1.65√E; a full canvass when d > acceptable or P ≤ 0; never rejected on the sample alone": "RCW 29A.72.230, WAC 434-379-010: margen 1,5√I; U = (I + margen)/r; P = N − (R + U); E = r²·P; pares aceptables E − 1,65√E; escrutinio completo cuando d > aceptables o P ≤ 0; nunca se rechaza solo por la muestra",
	"RCW 29A.72.230: a petition may not be rejected on a sample alone: the outcomes are accept or full canvass":                                                                                                        "RCW 29A.72.230: una petición no puede rechazarse solo por una muestra: los resultados son aceptar o escrutinio completo",
}

// valueFaultFormats are the faults of a value the engine gives after a refusal's framing
// ("%s: line %d, column %d (%s): %s"): csvfile's checks of a row's fields and the root
// package's (signet.ParseDate, signet.TextFault, ...), each an *signet.Error of its own
// inside the framing, and the framings not in messages_engine.go. A file's column and value
// stay as the file has them.
var valueFaultFormats = map[string]string{
	// wrappers of another fault, worded on its own
	"%s: %v":                     "%s: %v",
	"%v":                         "%v",
	"%s: line %d: %s":            "%s: línea %d: %s",
	"%s: line %d, column %d: %v": "%s: línea %d, columna %d: %v",
	"%s: line %d: the row has a different number of fields than the header (%d)": "%s: línea %d: la fila tiene un número de campos distinto del encabezado (%d)",
	"%s is empty":         "el campo %s está vacío",
	"%s is out of range":  "%s está fuera del intervalo admitido",
	"%q is not yes or no": "%q no es yes ni no",
	"%q is not a ZIP code (want 5 digits or ZIP+4)":                     "%q no es un código postal (debe tener 5 dígitos o ser ZIP+4)",
	"a prior address needs both a house number and a street":            "un domicilio anterior necesita tanto el número como la calle",
	"a section id may not contain control characters":                   "el identificador de una sección no puede contener caracteres de control",
	"%q is not a line number (want a whole number from 1)":              "%q no es un número de línea (debe ser un número entero desde 1)",
	"%q is not a count of lines (want a whole number from 1)":           "%q no es un número de líneas (debe ser un número entero desde 1)",
	"%q is not a date (want YYYY-MM-DD, YYYYMMDD or MM/DD/YYYY)":        "%q no es una fecha (debe ser AAAA-MM-DD, AAAAMMDD o MM/DD/AAAA)",
	"%q is not a voter status (want active, inactive or cancelled)":     "%q no es un estado de votante (debe ser active, inactive o cancelled)",
	"%q is not a signature decision (want match or mismatch)":           "%q no es una decisión de firma (debe ser match o mismatch)",
	"the text is not UTF-8 (byte %d is 0x%02x): save the file as UTF-8": "el texto no está en UTF-8 (el byte %d es 0x%02x): guarde el archivo como UTF-8",
	"character %d is a control character (%U), which no field may hold": "el carácter %d es un carácter de control (%U), que ningún campo puede contener",
	"%d characters, more than the %d a field of this kind may hold":     "%d caracteres, más de los %d que admite un campo de este tipo",
	"column map: field %q is mapped twice":                              "mapa de columnas: el campo %q está asignado dos veces",
}

// valueFaultTexts are encoding/csv's faults of a file's text, inside the framing
// "%s: line %d, column %d: %v".
var valueFaultTexts = map[string]string{
	`bare " in non-quoted-field`:              `comillas " sueltas en un campo sin comillas`,
	`extraneous or missing " in quoted-field`: `comillas " de más o de menos en un campo entre comillas`,
}

// refusalFormats are more of registrar's refusals (signet.Errorf's formats) a person can
// meet on the pages — accounts and sessions, the desk, the intake and the pre-check, the
// imports, the petitions, the sample, the audit — and the root package's checks of an id.
// TestEveryRefusalInSpanish walks registrar's, csvfile's and the root package's formats.
var refusalFormats = map[string]string{
	"a %s name is needed": "hace falta un nombre de %s",
	"%s name %q: use at most %d lower-case letters, digits and . _ @ -, starting with a letter or digit": "nombre de %s %q: use como máximo %d letras minúsculas, dígitos y . _ @ -, empezando por una letra o un dígito",
	"user %q has the role %s already": "el usuario %q ya tiene el rol %s",
	"user %q is disabled already":     "el usuario %q ya está desactivado",
	"user %q is enabled already":      "el usuario %q ya está activado",
	"cannot %s user %q: they are the last enabled admin (add another admin first)": "no se puede %s la cuenta %q: es el último admin activo (añada antes otro admin)",
	"the name or the password is wrong, or the account is disabled":                "el nombre o la contraseña no son correctos, o la cuenta está desactivada",
	"give a name and a password": "indique un nombre y una contraseña",
	"too many failed attempts to sign in as %q: signing in with that name is refused until %s (in %d minutes)": "demasiados intentos fallidos de iniciar sesión como %q: se rechaza el inicio de sesión con ese nombre hasta %s (dentro de %d minutos)",
	"not signed in": "no ha iniciado sesión",
	"the session has ended or is unknown: sign in again":                                   "la sesión ha terminado o es desconocida: inicie sesión de nuevo",
	"the session has ended: sign in again":                                                 "la sesión ha terminado: inicie sesión de nuevo",
	"the account %q is disabled or gone":                                                   "la cuenta %q está desactivada o ya no existe",
	"user %q is disabled: enable them before issuing a token":                              "el usuario %q está desactivado: actívelo antes de emitir un token",
	"token %q of user %q was revoked already":                                              "el token %q del usuario %q ya estaba revocado",
	"user %q has no token named %q":                                                        "el usuario %q no tiene ningún token llamado %q",
	"not a Signet API token":                                                               "no es un token de la API de Signet",
	"the API token is unknown":                                                             "el token de la API es desconocido",
	"the API token %q was revoked":                                                         "el token de la API %q fue revocado",
	"give your current password":                                                           "indique su contraseña actual",
	"the new password: %s":                                                                 "la contraseña nueva: %s",
	"the new password is the current one: choose another":                                  "la contraseña nueva es la actual: elija otra",
	"too many failed attempts with the password of %q: try again after %s (in %d minutes)": "demasiados intentos fallidos con la contraseña de %q: inténtelo de nuevo después de %s (dentro de %d minutos)",
	"the current password is not right":                                                    "la contraseña actual no es correcta",
	"the password has %d characters: at least %d are needed":                               "la contraseña tiene %d caracteres: se necesitan al menos %d",
	"the password is longer than %d bytes":                                                 "la contraseña ocupa más de %d bytes",
	"before %d: give an event's number, or 0 for the newest":                               "before %d: indique el número de un evento, o 0 para el más reciente",
	"a page holds 1 to %d events, not %d":                                                  "una página contiene de 1 a %d eventos, no %d",
	"the database kept changing while it was checked (a count or an import is under way): check it again when that work is done": "la base de datos siguió cambiando mientras se comprobaba (hay un recuento o una importación en curso): compruébela de nuevo cuando termine ese trabajo",
	"signature mismatch rate %v: want a share of the valid lines in [0, 1)":                                                      "tasa de firmas discordantes %v: debe ser una fracción de las líneas válidas en [0, 1)",
	"petition %s has no intake turned in by %s: record the sections collected first (signet intake add)":                         "la petición %s no tiene ninguna entrega registrada a fecha de %s: registre primero las secciones recogidas (signet intake add)",
	"petition %s has no pre-checked lines: pre-check a sample of the lines collected first (signet precheck run)":                "la petición %s no tiene líneas precomprobadas: precompruebe primero una muestra de las líneas recogidas (signet precheck run)",
	"a line whose signature differs from the one on file is invalid (signature_mismatch), not valid (2 CCR §20960)":              "una línea cuya firma difiere de la registrada se decide como no válida (signature_mismatch), no como válida (2 CCR §20960)",
	"signature_mismatch needs the comparison to say mismatch, not match (2 CCR §20960)":                                          "signature_mismatch exige que la comparación diga mismatch, no match (2 CCR §20960)",
	"the stated reason: %s":                "el motivo expreso: %s",
	"%s is named: who decides is recorded": "falta el nombre de %s: se registra quién decide",
	"line %s of petition %s is struck as a duplicate: voter %s signed another line, and a voter's signature counts once (Elections Code §11303); to count this line instead, rule the voter's other line invalid, or, if the signer is someone else, name that voter (--voter)": "la línea %s de la petición %s se anula por duplicada: el votante %s firmó otra línea, y la firma de un votante cuenta una vez (Elections Code §11303); para contar esta línea en su lugar, declare no válida la otra línea del votante o, si el firmante es otra persona, nombre a ese votante (--voter)",
	"throughput is counted per hour or per day":                                                 "el rendimiento se cuenta por hora o por día",
	"%s: this file's intake was recorded before for petition %q (as %s)":                        "%s: la entrega de este archivo ya se registró antes para la petición %q (como %s)",
	"%s: the section id is empty":                                                               "%s: el identificador de sección está vacío",
	"%s: section %s appears more than once (first on line %d): a section is turned in once":     "%s: la sección %s aparece más de una vez (primero en la línea %d): una sección se entrega una sola vez",
	"%s: section %s of petition %s was turned in before: a section is recorded once":            "%s: la sección %s de la petición %s ya se entregó antes: una sección se registra una sola vez",
	"%s: the circulator is empty: every section is circulated by someone (Elections Code §104)": "%s: el recolector está vacío: toda sección la hace circular alguien (Elections Code §104)",
	"%s: %d lines: a section turned in holds at least one line":                                 "%s: %d líneas: una sección entregada contiene al menos una línea",
	"%s: the day is empty": "%s: el día está vacío",
	"%s: %s is before the petition's form was approved (%s)":                                                                                         "%s: %s es anterior a la aprobación del formulario de la petición (%s)",
	"%s: %s is after today (%s): record a section once it is turned in":                                                                              "%s: %s es posterior a hoy (%s): registre una sección una vez entregada",
	"%s: the file has a header but no sections":                                                                                                      "%s: el archivo tiene encabezado pero ninguna sección",
	"page %d of %d lines: pages are numbered from 1 and hold 1 to %d lines":                                                                          "página %d de %d líneas: las páginas se numeran desde 1 y contienen de 1 a %d líneas",
	"%s: line %d, column line_number: this line number of this section appears more than once (first on line %d)":                                    "%s: línea %d, columna line_number: este número de línea de esta sección aparece más de una vez (primero en la línea %d)",
	"%s: line %d, column line_number: petition %q has line %q already (imported before): a line is imported once":                                    "%s: línea %d, columna line_number: la petición %q ya tiene la línea %q (importada antes): una línea se importa una sola vez",
	"%s: line %d, column circulator: section %s was circulated by %q, not %q: a section has one circulator":                                          "%s: línea %d, columna circulator: la sección %s la hizo circular %q, no %q: una sección tiene un solo recolector",
	"%s: the file has a header but no %s":                                                                                                            "%s: el archivo tiene encabezado pero no tiene %s",
	"jurisdiction %s: its name: %s":                                                                                                                  "jurisdicción %s: su nombre: %s",
	"jurisdiction %s: ZIP code %.20q: %s":                                                                                                            "jurisdicción %s: código postal %.20q: %s",
	"jurisdiction %q has no voter roll to count (import one first)":                                                                                  "la jurisdicción %q no tiene censo de votantes que contar (importe uno primero)",
	"report %s: the registered count must be at least 1 (it is %d): a requirement computed from it would be 0":                                       "informe %s: el número de inscritos debe ser al menos 1 (es %d): un requisito calculado a partir de él sería 0",
	"petition kind %q: want local-recall, state-recall, initiative or referendum":                                                                    "tipo de petición %q: debe ser local-recall, state-recall, initiative o referendum",
	"a petition needs an id and the date its form was approved":                                                                                      "una petición necesita un identificador y la fecha de aprobación de su formulario",
	"petition %s: the requirement needs a registration report (or, for a state-officer recall, the last vote)":                                       "petición %s: el requisito necesita un informe de inscripción (o, para la revocación de un cargo estatal, la última votación)",
	"report %s counts %s, not %s":                                                                                                                    "el informe %s cuenta %s, no %s",
	"report %s is dated %s, after the form was approved (%s): the requirement comes from the last report before approval (Elections Code §11221(b))": "el informe %s tiene fecha %s, posterior a la aprobación del formulario (%s): el requisito sale del último informe anterior a la aprobación (Elections Code §11221(b))",
	"registration cut-off %q: want signing_date or filing_date":                                                                                      "fecha límite de inscripción %q: debe ser signing_date o filing_date",
	"duplicate policy %q: want keep_first or strike_all":                                                                                             "política de duplicadas %q: debe ser keep_first o strike_all",
	"petition %s: the last vote is the base of a state-officer recall only":                                                                          "petición %s: la última votación solo es la base de la revocación de un cargo estatal",
	"rule pack %s is not a state-officer recall":                                                                                                     "el conjunto de normas %s no es una revocación de un cargo estatal",
	"petition %s: the county condition needs each county's last vote":                                                                                "petición %s: la condición de los condados necesita la última votación de cada condado",
	"petition %s: county %s's last vote is %d: a vote count is not below 0":                                                                          "petición %s: la última votación del condado %s es %d: un número de votos no es inferior a 0",
	"petition %q cannot be filed on %s: its form was approved on %s, and signatures are gathered on the approved form":                               "la petición %q no puede presentarse el %s: su formulario se aprobó el %s, y las firmas se recogen en el formulario aprobado",
	"the raw count %d disagrees with the %d lines imported for petition %q":                                                                          "el recuento bruto %d no concuerda con las %d líneas importadas para la petición %q",
	"petition %q has no lines imported: import them first, or give the raw count":                                                                    "la petición %q no tiene líneas importadas: impórtelas primero, o indique el recuento bruto",
	"petition %q is not a state-officer recall":                                                                                                      "la petición %q no es una revocación de un cargo estatal",
	"petition %q has no county %q (its counties are those given with their last vote)":                                                               "la petición %q no tiene ningún condado %q (sus condados son los indicados con su última votación)",
	"%s, period ending %s: %d lines, %d valid: a county reports counts, none below 0":                                                                "%s, período que termina el %s: %d líneas, %d válidas: un condado informa de recuentos, ninguno inferior a 0",
	"%s, period ending %s: %d valid of %d lines: a county cannot find more valid signatures than the lines it received":                              "%s, período que termina el %s: %d válidas de %d líneas: un condado no puede hallar más firmas válidas que las líneas que recibió",
	"%s already reported for the period ending %s: a new report must end later":                                                                      "%s ya informó del período que termina el %s: un informe nuevo debe terminar después",
	"%s: line %d, column circulator: section %s was turned in by %q, not %q: a section has one circulator":                                           "%s: línea %d, columna circulator: la sección %s la entregó %q, no %q: una sección tiene un solo recolector",
	"petition %q is not decided yet (%s): no certificate":                                                                                            "la petición %q aún no está decidida (%s): no hay certificado",
	"line %s: signature decision %q: want match or mismatch":                                                                                         "línea %s: decisión de firma %q: debe ser match o mismatch",
	"a link decision names its line and who decided it":                                                                                              "una decisión de enlace nombra su línea y a quien la tomó",
	"no role %q: the roles are %s":                                                                                                                   "no existe el rol %q: los roles son %s",
	"refused: what this asks declares no permission":                                                                                                 "denegado: lo que se pide no declara ningún permiso",
	"sign in first": "inicie sesión primero",
	"refused: a user with the role %s may not %s":                                                                 "denegado: un usuario con el rol %s no puede %s",
	"%s: line %d, column registration_date: %s is after today (%s): a voter cannot have registered in the future": "%s: línea %d, columna registration_date: %s es posterior a hoy (%s): un votante no puede haberse inscrito en el futuro",
	"%s: line %d, column voter_id: the voter id appears more than once in the file (first on line %d)":            "%s: línea %d, columna voter_id: el identificador de votante aparece más de una vez en el archivo (primero en la línea %d)",
	"seed: %v": "semilla: %v",
	"petition %q filed %d lines, fewer than the %d required: it fails without verification (%s)":  "la petición %q presentó %d líneas, menos de las %d requeridas: no prospera, sin verificación (%s)",
	"petition %q: %d filed lines are verified in full, not sampled (%s)":                          "petición %q: %d líneas presentadas se verifican todas, sin muestra (%s)",
	"petition %q was sampled with the seed %s: a sample is drawn once":                            "la muestra de la petición %q ya se extrajo con la semilla %s: una muestra se extrae una sola vez",
	"%d of the %d sampled lines of petition %q have no verdict yet: verify the sample first":      "%d de las %d líneas de la muestra de la petición %q aún no tienen veredicto: verifique primero la muestra",
	"petition %q is not filed yet: %s":                                                            "la petición %q aún no se ha presentado: %s",
	"linker %q: want fs-v1 or simple-v1":                                                          "enlazador %q: debe ser fs-v1 o simple-v1",
	"%s: column map names %q, which is not a field of a %s (fields: %s)":                          "%s: el mapa de columnas nombra %q, que no es un campo de %s (campos: %s)",
	"%s: line 1: the column map names header(s) the file does not have (%s); its headers are: %s": "%s: línea 1: el mapa de columnas nombra encabezados que el archivo no tiene (%s); sus encabezados son: %s",
	"%s: line 1: the header has no column for %s and has column(s) that are no field of a %s (%s): rename them, map them with --columns field=header, or remove them; its headers are: %s": "%s: línea 1: el encabezado no tiene columna para %s y tiene columnas que no son campos de %s (%s): cámbieles el nombre, asígnelas con --columns campo=encabezado o quítelas; sus encabezados son: %s",
	"the %s is empty":                    "el %s está vacío",
	"%s %q: %d characters, more than %d": "%s %q: %d caracteres, más de %d",
	"%s %q: character %d (%q) is not allowed: use letters, digits and . _ - :": "%s %q: el carácter %d (%q) no está permitido: use letras, dígitos y . _ - :",
}

// wordArgs name, for a refusal's format, the values that are the engine's own words (what a
// name or an id is of, a role, what a permission allows, the kind of a file), worded in
// the reader's language by argWords, engineTexts (a pack's citation) or, for a role, the
// pages' catalog; the other values (ids, names, a file's values) stay as they are.
var wordArgs = map[string][]int{
	"petition %q is not filed yet: %s": {1},
	"petition %q filed %d lines, fewer than the %d required: it fails without verification (%s)": {3},
	"petition %q: %d filed lines are verified in full, not sampled (%s)":                         {2},
	"a %s name is needed": {0},
	"%s name %q: use at most %d lower-case letters, digits and . _ @ -, starting with a letter or digit": {0},
	"cannot %s user %q: they are the last enabled admin (add another admin first)":                       {0},
	"%s is named: who decides is recorded":                                                               {0},
	"refused: a user with the role %s may not %s":                                                        {0, 1},
	"the %s is empty":                    {0},
	"%s %q: %d characters, more than %d": {0},
	"%s %q: character %d (%q) is not allowed: use letters, digits and . _ - :": {0},
	"%s: the file has a header but no %s":                                      {1},
	"%s: column map names %q, which is not a field of a %s (fields: %s)":       {2},
	"%s: line 1: the header has no column for %s and has column(s) that are no field of a %s (%s): rename them, map them with --columns field=header, or remove them; its headers are: %s": {2},
	// issue 12: the kind of a job already running (kindText, the pages' catalog)
	"%s of %s runs already (job %s, started by %s): follow it at %s": {0},
}

// argWords are the engine's words inside its refusals (wordArgs), in Spanish.
var argWords = map[string]string{
	// what a name is of (registrar's checkName) and what an id is of (signet.CheckID)
	"user": "usuario", "token": "token",
	"jurisdiction id": "identificador de jurisdicción", "petition id": "identificador de petición", "report id": "identificador de informe",
	// what would leave no admin (registrar's keepAnAdmin)
	"take the role admin from": "quitar el rol admin a", "disable": "desactivar",
	// who must be named (registrar's needActor)
	"a clerk": "un empleado", "the supervisor": "quien supervisa", "who challenges": "quien impugna",
	// why a petition must be filed first (registrar's filedPetition)
	"the sample is drawn from the lines filed": "la muestra se extrae de las líneas presentadas",
	"verification counts the lines filed":      "la verificación cuenta las líneas presentadas",
	// what a file holds none of, and the kinds of file (csvfile's Schema.Kind)
	"lines": "líneas", "voters": "votantes",
	"voter roll": "censo de votantes", "petition lines": "líneas de petición", "signature decisions": "decisiones de firma", "campaign intake": "entregas de la campaña",
	// what a permission allows (registrar's permissionText)
	"see their own account":               "ver su propia cuenta",
	"list the accounts":                   "listar las cuentas",
	"manage the accounts":                 "administrar las cuentas",
	"manage API tokens":                   "administrar los tokens de la API",
	"record and read a campaign's intake": "registrar y leer las entregas de una campaña",
	"pre-check a campaign's lines and read its signals and forecast": "precomprobar las líneas de una campaña y leer sus señales y su previsión",
	"decide lines at the clerks' desk":                               "decidir líneas en la mesa de los empleados",
	"supervise the desk":                                             "supervisar la mesa",
	"read the invalid lines":                                         "leer las líneas no válidas",
	"challenge a verdict":                                            "impugnar un veredicto",
	"start a verification":                                           "iniciar una verificación",
	"import rolls and lines":                                         "importar censos y líneas",
	"list the jurisdictions and petitions":                           "listar las jurisdicciones y las peticiones",
	"read and verify the audit log":                                  "leer y verificar el registro de auditoría",
}

// signalFormats are the campaign's pre-check signals (registrar.Signal.Form and its
// registrar.Phrase parts), as /petitions/{id}/campaign/circulators shows them; the figures
// are written as the language writes numbers, a circulator's name and a section stay.
var signalFormats = map[string]string{
	"validity %.1f%% (95%% interval %.1f–%.1f%%) of %d lines, against %.1f%% of the other circulators' %d lines (z = %.1f)":                                         "validez del %.1f\u00a0%% (intervalo del 95\u00a0%%: %.1f–%.1f\u00a0%%) en %d líneas, frente al %.1f\u00a0%% de las %d líneas de los demás recolectores (z = %.1f)",
	"%d consecutive lines not on the voter file, lines %d to %d of section %s":                                                                                      "%d líneas consecutivas que no están en el archivo de votantes, de la línea %d a la %d de la sección %s",
	"%d consecutive lines not on the voter file, lines %d to %d of section %s; at the petition's %.1f%% not registered, %d in a row by chance has probability %.2g": "%d líneas consecutivas que no están en el archivo de votantes, de la línea %d a la %d de la sección %s; con el %.1f\u00a0%% de no inscritos de la petición, la probabilidad de %d seguidas por azar es %.2g",
	"%d of %d lines dated outside the circulation window or their section's dates: %s":                                                                              "%d de %d líneas con fecha fuera del periodo de circulación o de las fechas de su sección: %s",
	"%d %s":                               "%d %s",
	"before the form was approved (%s)":   "antes de la aprobación del formulario (%s)",
	"after the filing deadline (%s)":      "después del plazo de presentación (%s)",
	"after their section was turned in":   "después de la entrega de su sección",
	"after the day they were pre-checked": "después del día en que se comprobaron",
	"%d lines give one address (%d different voters found on the voter file); by circulator: %s": "%d líneas dan una misma dirección (%d votantes distintos hallados en el archivo de votantes); por recolector: %s",
}

// deskCampaignFormats are the web's own refusals on the desks, the supervisor's pages, the
// challenges and the campaign's pages (the doors' signet.Errorf formats; the admin's forms
// have theirs elsewhere). A form's field name stays as the form names it.
var deskCampaignFormats = map[string]string{
	"a challenge's id is a whole number from 1":                                          "el identificador de una impugnación es un número entero desde 1",
	"a job's id is a whole number from 1":                                                "el identificador de un trabajo es un número entero desde 1",
	"as_of: %q is not a date (want YYYY-MM-DD)":                                          "as_of: %q no es una fecha (debe ser AAAA-MM-DD)",
	"decide the line valid or invalid":                                                   "decida si la línea es válida o no válida",
	"rule the line valid or invalid":                                                     "declare la línea válida o no válida",
	"name the line":                                                                      "indique la línea",
	"name the section":                                                                   "indique la sección",
	"page %q: pages are numbered from 1":                                                 "página %q: las páginas se numeran desde 1",
	"per_day: %q is not a number of lines a day (want a whole number from 0)":            "per_day: %q no es un número de líneas al día (debe ser un número entero desde 0)",
	"petition %q is not filed yet: verification counts the lines filed":                  "la petición %q aún no se ha presentado: la verificación cuenta las líneas presentadas",
	"refused: a request from another site may not change anything here":                  "denegado: una solicitud desde otro sitio no puede cambiar nada aquí",
	"scope %q: verify all the lines (all) or the sample (sample)":                        "alcance %q: verifique todas las líneas (all) o la muestra (sample)",
	"signature_mismatch: %q is not a share of the valid lines (want a number in [0, 1))": "signature_mismatch: %q no es una fracción de las líneas válidas (debe ser un número en [0, 1))",
	"the section's %s: %s":                                                               "el campo %s de la sección: %s",
	"the section's lines: %q is not a count of lines (want a whole number from 1)":       "las líneas de la sección: %q no es un número de líneas (debe ser un número entero desde 1)",
	"the section's section_id: name the section turned in":                               "el section_id de la sección: indique la sección entregada",
	"the section's turned_in: %v":                                                        "el turned_in de la sección: %v",
	"the section's turned_in: give the day it was turned in":                             "el turned_in de la sección: indique el día en que se entregó",
	"the signature comparison: %v":                                                       "la comparación de firmas: %v",
	"uphold or deny the challenge":                                                       "estime o deniegue la impugnación",
	"the server is stopping: start it again":                                             "el servidor se está deteniendo: vuelva a iniciarlo",
}

// webRefusalFormats are the web door's own refusals on its pages (issue 12): the uploads'
// forms, the admin's forms and the audit log's query, a posted form that cannot be read, and
// a job of a kind already running (its kind, a job kind's text, worded by wordArgs). The
// refusals only the API gives are in engine_words_more_test.go's notOnPages, with why.
var webRefusalFormats = map[string]string{
	"choose a file to upload":                                                 "elija un archivo para subir",
	"send one file":                                                           "envíe un solo archivo",
	"choose where the file goes":                                              "elija adónde va el archivo",
	"the form has too many fields":                                            "el formulario tiene demasiados campos",
	"the form's field %q is too long":                                         "el campo %q del formulario es demasiado largo",
	"send the form as multipart/form-data, with the file":                     "envíe el formulario como multipart/form-data, con el archivo",
	"the upload could not be read: %v":                                        "no se pudo leer lo subido: %v",
	"the file is larger than the limit of %d bytes: refused, nothing is kept": "el archivo supera el límite de %d bytes: se rechaza y no se guarda nada",
	"the form is too large":                                                   "el formulario es demasiado grande",
	"the form could not be read":                                              "no se pudo leer el formulario",
	"the two passwords differ: type the same one twice":                       "las dos contraseñas no coinciden: escriba la misma dos veces",
	"before %q: give an event's number":                                       "before %q: indique el número de un evento",
	"limit %q: give a whole number":                                           "limit %q: indique un número entero",
	"%s of %s runs already (job %s, started by %s): follow it at %s":          "%s de %s ya está en curso (trabajo %s, iniciado por %s): sígalo en %s",
}

// stateRecallFormats are the refusals of a state-officer recall's last vote and county votes
// (signet.ReadCountyVotes, registrar.CreatePetition) met on the petition form.
var stateRecallFormats = map[string]string{
	"petition %s: rule pack %s computes the requirement from the last vote for the office: give the last vote, statewide and in each county": "petición %s: el conjunto de normas %s calcula el requisito a partir de la última votación para el cargo: indique la última votación, en todo el estado y en cada condado",
	"petition %s: the counties' last votes are for a state-officer recall, with the last vote statewide":                                     "petición %s: las últimas votaciones de los condados son para la revocación de un cargo estatal, con la última votación en todo el estado",
	"a county's report needs its raw and valid counts: the lines received and the valid signatures found to date":                            "el informe de un condado necesita sus recuentos bruto y de válidas: las líneas recibidas y las firmas válidas halladas hasta la fecha",
	"petition %s: the last vote is %d: a vote count is not below 0":                                                                          "petición %s: la última votación es %d: un número de votos no es inferior a 0",
	"%s: entry %d (%.40q): want county=N, the county's last vote":                                                                            "%s: entrada %d (%.40q): debe ser condado=N, la última votación del condado",
	"%s: entry %d: county is empty":                                                "%s: entrada %d: el condado está vacío",
	"%s: entry %d: county %s is given more than once (first in entry %d)":          "%s: entrada %d: el condado %s se indica más de una vez (primero en la entrada %d)",
	"%s: entry %d (%s): %.20q is not a count":                                      "%s: entrada %d (%s): %.20q no es un recuento",
	"%s: no header row (want county,last_vote[,valid])":                            "%s: no hay fila de encabezado (debe ser county,last_vote[,valid])",
	"%s: the header needs county and last_vote (and optionally valid)":             "%s: el encabezado necesita county y last_vote (y, si se quiere, valid)",
	"%s: line %d, column %d (%s): %q is not a count":                               "%s: línea %d, columna %d (%s): %q no es un recuento",
	"%s: line %d: county is empty":                                                 "%s: línea %d: el condado está vacío",
	"%s: line %d: county %s appears more than once in the file (first on line %d)": "%s: línea %d: el condado %s aparece más de una vez en el archivo (primero en la línea %d)",
}
