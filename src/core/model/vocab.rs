//! The controlled vocabularies: every facet value an intervention can carry.
//!
//! Ids are stable kebab-case strings used in the TOML sources, the database, CLI flags and exports.
//! Labels exist in Dutch and English; the definition is one Dutch line (the content is Dutch).
//! Synonyms let a search for `sleutelpersoon` find the theme `sleutelfiguren`.

use super::lang::Lang;

/// One value of a controlled vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Term {
    pub id: &'static str,
    pub nl: &'static str,
    pub en: &'static str,
    pub definition: &'static str,
    pub synonyms: &'static [&'static str],
}

impl Term {
    pub fn label(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Nl => self.nl,
            Lang::En => self.en,
        }
    }
}

const fn t(
    id: &'static str,
    nl: &'static str,
    en: &'static str,
    definition: &'static str,
    synonyms: &'static [&'static str],
) -> Term {
    Term {
        id,
        nl,
        en,
        definition,
        synonyms,
    }
}

/// The eleven themes: the seven ESS themes first, then four cross-cutting ones.
pub const THEMES: &[Term] = &[
    t(
        "weerbaar-opvoeden",
        "Weerbaar opvoeden",
        "Resilient parenting",
        "Opvoeders (ook met een migratieachtergrond) steunen om kinderen weerbaar groot te brengen.",
        &["opvoeding", "opvoeders", "ouderschap", "parenting"],
    ),
    t(
        "polarisatie",
        "Polarisatie",
        "Polarisation",
        "Omgaan met wij-zij-denken en spanningen tussen groepen, en die verminderen.",
        &["tegenstellingen", "wij-zij", "polarization"],
    ),
    t(
        "radicalisering",
        "Problematisch gedrag en radicalisering",
        "Problem behaviour and radicalisation",
        "Voorkomen en aanpakken van problematisch gedrag, radicalisering en extremisme.",
        &[
            "extremisme",
            "jihadisme",
            "terrorisme",
            "radicalization",
            "extremism",
        ],
    ),
    t(
        "moskeebesturen",
        "Professionalisering moskeebesturen",
        "Professionalising mosque boards",
        "Moskeebesturen en religieuze organisaties versterken in bestuur, communicatie en maatschappelijke rol.",
        &["moskee", "moskeeën", "imam", "mosque"],
    ),
    t(
        "sleutelfiguren",
        "Sleutelfiguren en gezaghebbende personen",
        "Key figures and persons of authority",
        "Mensen met gezag of vertrouwen in een gemeenschap inzetten en toerusten.",
        &[
            "sleutelpersoon",
            "sleutelpersonen",
            "sleutelfiguur",
            "key figure",
            "rolmodel",
        ],
    ),
    t(
        "samenwerking",
        "Samenwerking gemeenschappen en overheid",
        "Communities and (local) government working together",
        "Gemeenschappen en (lokale) overheden die elkaar kennen, vertrouwen en samen optrekken.",
        &["gemeenschappen", "overheid", "cooperation"],
    ),
    t(
        "empowerment",
        "Empowerment vrouwen en meiden",
        "Empowering women and girls",
        "Vrouwen en meiden sterker maken in zelfbeschikking, zelfvertrouwen en maatschappelijke positie.",
        &["vrouwen", "meiden", "meisjes", "women", "girls"],
    ),
    t(
        "professionals",
        "Professionals ondersteunen",
        "Supporting professionals",
        "Kennis en vaardigheden van eerstelijnsprofessionals versterken.",
        &["deskundigheidsbevordering", "eerstelijns", "practitioners"],
    ),
    t(
        "maatschappelijke-onrust",
        "Maatschappelijke onrust",
        "Social unrest",
        "Gemeenten toerusten voor spanningen en onrust in de samenleving.",
        &["onrust", "spanningen", "unrest"],
    ),
    t(
        "ondermijning",
        "Ondermijning",
        "Subversive crime",
        "Weerbaarheid tegen georganiseerde criminaliteit die de samenleving ondermijnt.",
        &["criminaliteit", "drugs", "organised crime"],
    ),
    // General resilience trainings and mentoring whose sources name none of the ESS themes
    // (Rots en Water, WIBO): tagging them `radicalisering` was a stretch the audit removed.
    t(
        "persoonlijke-weerbaarheid",
        "Persoonlijke weerbaarheid",
        "Personal resilience",
        "Kinderen en jongeren leren voor zichzelf op te komen, grenzen te stellen en kansen te benutten, zonder een van de ESS-thema's als doel.",
        &[
            "weerbaarheidstraining",
            "assertiviteit",
            "zelfverdediging",
            "personal resilience",
        ],
    ),
];

/// The seven ESS themes, the ones the inventory must cover.
pub const ESS_THEMES: &[&str] = &[
    "weerbaar-opvoeden",
    "polarisatie",
    "radicalisering",
    "moskeebesturen",
    "sleutelfiguren",
    "samenwerking",
    "empowerment",
];

pub const TARGET_GROUPS: &[Term] = &[
    t(
        "kinderen",
        "Kinderen",
        "Children",
        "Kinderen tot ongeveer 12 jaar (basisschoolleeftijd).",
        &["leerlingen", "basisschool", "children"],
    ),
    t(
        "jongeren",
        "Jongeren",
        "Young people",
        "Jongeren van ongeveer 12 tot 23 jaar.",
        &["pubers", "tieners", "scholieren", "youth"],
    ),
    t(
        "jongvolwassenen",
        "Jongvolwassenen",
        "Young adults",
        "Jongvolwassenen van ongeveer 18 tot 27 jaar.",
        &["studenten", "young adults"],
    ),
    t(
        "meiden-vrouwen",
        "Meiden en vrouwen",
        "Girls and women",
        "Meisjes, jonge vrouwen en vrouwen.",
        &["meisjes", "vrouwen", "girls", "women"],
    ),
    t(
        "ouders",
        "Ouders en opvoeders",
        "Parents and carers",
        "Ouders en andere opvoeders; omvat vaders en moeders (wie ouders kiest, vindt ook die).",
        &["opvoeders", "parents"],
    ),
    t(
        "vaders",
        "Vaders",
        "Fathers",
        "Vaders en mannelijke opvoeders.",
        &["mannen", "fathers"],
    ),
    t(
        "moeders",
        "Moeders",
        "Mothers",
        "Moeders en vrouwelijke opvoeders.",
        &["mothers"],
    ),
    t(
        "families",
        "Families en naasten",
        "Families and relatives",
        "Familie en naasten van mensen die (mogelijk) radicaliseren of uitreizen.",
        &["gezinnen", "naasten", "families"],
    ),
    t(
        "migratieachtergrond",
        "Mensen met een migratieachtergrond",
        "People with a migration background",
        "Mensen met een migratie- of vluchtelingenachtergrond, nieuwkomers en statushouders.",
        &[
            "migranten",
            "nieuwkomers",
            "statushouders",
            "vluchtelingen",
            "migrants",
        ],
    ),
    t(
        "bewoners",
        "Bewoners en gemeenschappen",
        "Residents and communities",
        "Inwoners, buurtbewoners en (zelf)organisaties van gemeenschappen.",
        &["inwoners", "buurt", "wijk", "residents"],
    ),
    t(
        "risicogroep",
        "Mensen in een risicosituatie",
        "People at risk",
        "Mensen die (dreigen te) radicaliseren, af te glijden of al extremistisch betrokken zijn.",
        &["risicojongeren", "uitreizigers", "terugkeerders", "at risk"],
    ),
    t(
        "professionals",
        "Eerstelijnsprofessionals (breed)",
        "Frontline professionals (general)",
        "Eerstelijnsprofessionals in het algemeen of uit verschillende domeinen samen; omvat docenten, jongerenwerkers, jeugd- en zorgprofessionals en veiligheidsprofessionals.",
        &["eerstelijnsprofessionals", "practitioners"],
    ),
    t(
        "docenten",
        "Docenten en scholen",
        "Teachers and schools",
        "Leraren, schoolleiding en ander onderwijspersoneel.",
        &["leraren", "leerkrachten", "onderwijs", "teachers"],
    ),
    t(
        "jongerenwerkers",
        "Jongerenwerkers",
        "Youth workers",
        "Jongerenwerk, welzijn en opbouwwerk.",
        &["jeugdwerkers", "youth workers"],
    ),
    t(
        "jeugd-zorgprofessionals",
        "Jeugd- en zorgprofessionals",
        "Youth care and health professionals",
        "Jeugdhulp, jeugdbescherming, (jeugd)gezondheidszorg, wijkteams en maatschappelijk werk.",
        &[
            "jeugdhulp",
            "hulpverleners",
            "wijkteams",
            "ggz",
            "care workers",
        ],
    ),
    t(
        "veiligheidsprofessionals",
        "Veiligheidsprofessionals",
        "Security professionals",
        "Politie, justitie, reclassering, gevangeniswezen en andere veiligheidspartners.",
        &["politie", "wijkagenten", "reclassering", "police"],
    ),
    t(
        "gemeenteambtenaren",
        "Gemeenteambtenaren en beleidsmakers",
        "Municipal officials and policy makers",
        "Ambtenaren, beleidsmakers en coördinatoren bij gemeenten en het Rijk.",
        &["ambtenaren", "beleidsmakers", "gemeente", "officials"],
    ),
    t(
        "bestuurders",
        "Bestuurders",
        "Administrators",
        "Burgemeesters, wethouders, raadsleden en bestuurders van organisaties.",
        &["burgemeester", "wethouder", "mayors"],
    ),
    t(
        "moskeebestuurders",
        "Moskeebestuurders",
        "Mosque board members",
        "Bestuursleden en vrijwilligers van moskeeën en islamitische organisaties.",
        &["moskeebesturen", "mosque boards"],
    ),
    t(
        "religieuze-leiders",
        "Religieuze leiders",
        "Religious leaders",
        "Imams, geestelijk verzorgers en andere religieuze voorgangers.",
        &["imams", "voorgangers", "religious leaders"],
    ),
    t(
        "sleutelfiguren",
        "Sleutelfiguren",
        "Key figures",
        "Mensen met vertrouwen of gezag in een gemeenschap die signalen opvangen en kunnen bemiddelen.",
        &["sleutelpersonen", "sleutelpersoon", "key figures"],
    ),
    t(
        "lhbti",
        "Lhbti+-personen",
        "LGBTI+ people",
        "Lesbische, homo-, bi-, trans- en intersekse personen en hun medestanders.",
        &["lhbtiq", "lgbt", "lgbtq", "lhbt"],
    ),
    t(
        "algemeen-publiek",
        "Algemeen publiek",
        "General public",
        "Iedereen; geen afgebakende doelgroep.",
        &["iedereen", "publiek", "general public"],
    ),
];

pub const LEVELS: &[Term] = &[
    t(
        "individu",
        "Individu",
        "Individual",
        "Werkt met één persoon tegelijk.",
        &["persoon"],
    ),
    t(
        "gezin",
        "Gezin",
        "Family",
        "Werkt met het gezin of de opvoeders als eenheid.",
        &["familie"],
    ),
    t(
        "groep",
        "Groep",
        "Group",
        "Werkt met een groep deelnemers, zoals een klas of training.",
        &["klas"],
    ),
    t(
        "gemeenschap",
        "Gemeenschap",
        "Community",
        "Werkt met een buurt, wijk of (geloofs)gemeenschap.",
        &["community", "wijk"],
    ),
    t(
        "professional",
        "Professional",
        "Professional",
        "Versterkt professionals in hun werk.",
        &[],
    ),
    t(
        "organisatie",
        "Organisatie",
        "Organisation",
        "Versterkt een organisatie, school of vereniging als geheel.",
        &["instelling", "school"],
    ),
    t(
        "gemeente",
        "Gemeente",
        "Municipality",
        "Versterkt de gemeente of lokale overheid en haar netwerk.",
        &["lokale overheid", "municipality"],
    ),
];

pub const OFFER_TYPES: &[Term] = &[
    t(
        "training",
        "Training",
        "Training",
        "Een training of cursus met meerdere bijeenkomsten.",
        &["cursus", "course"],
    ),
    t(
        "workshop",
        "Workshop",
        "Workshop",
        "Een losse bijeenkomst of korte reeks, vaak interactief.",
        &["bijeenkomst", "voorstelling", "debat"],
    ),
    t(
        "leerlijn",
        "Leerlijn",
        "Learning path",
        "Een opbouwend programma van lessen of modules, vaak op school.",
        &["lespakket", "lessen", "curriculum"],
    ),
    t(
        "e-learning",
        "E-learning",
        "E-learning",
        "Online leeraanbod om in eigen tempo te volgen.",
        &["online", "elearning"],
    ),
    t(
        "methodiek",
        "Methodiek of programma",
        "Method or programme",
        "Een beschreven werkwijze of programma dat organisaties uitvoeren.",
        &["programma", "aanpak", "programme", "method"],
    ),
    t(
        "netwerk",
        "Netwerk",
        "Network",
        "Een netwerk van mensen of organisaties dat kennis deelt of samen optrekt.",
        &["platform", "network"],
    ),
    t(
        "mentoring",
        "Mentoring",
        "Mentoring",
        "Eén-op-één begeleiding door een mentor of maatje.",
        &["mentor", "maatje", "coaching"],
    ),
    t(
        "instrument",
        "Instrument",
        "Tool",
        "Een hulpmiddel zoals een checklist, spel, toolkit of afwegingskader.",
        &["toolkit", "tool", "spel", "checklist"],
    ),
    t(
        "publicatie",
        "Publicatie",
        "Publication",
        "Een handreiking, handboek, rapport of gids.",
        &["handreiking", "handboek", "rapport", "publication"],
    ),
    t(
        "contactpunt",
        "Contactpunt of expertiseteam",
        "Contact point or expert team",
        "Een loket, helpdesk of expertiseteam waar men met vragen terechtkan.",
        &["expertiseteam", "helpdesk", "loket", "advies"],
    ),
];

pub const PREVENTION: &[Term] = &[
    t(
        "preventief",
        "Preventief",
        "Preventive",
        "Brede preventie, voordat er zorgen zijn.",
        &["preventie", "prevention"],
    ),
    t(
        "vroegsignalering",
        "Vroegsignalering",
        "Early detection",
        "Zorgen vroeg herkennen en bespreekbaar maken.",
        &["signaleren", "early warning"],
    ),
    t(
        "reactief",
        "Reactief",
        "Reactive",
        "Ingrijpen of begeleiden wanneer er al zorgen of incidenten zijn.",
        &["interventie", "reactive"],
    ),
    t(
        "repressief",
        "Repressief",
        "Repressive",
        "Handhaving, straf of strafrechtelijke begeleiding.",
        &["handhaving", "repressive"],
    ),
];

/// How an intervention operationalises weerbaarheid.
pub const DIMENSIONS: &[Term] = &[
    t(
        "tegenstand-bieden",
        "Tegenstand bieden",
        "Resisting pressure",
        "Weerstand bieden aan druk, verleiding of negatieve invloeden.",
        &["weerstand", "nee zeggen", "groepsdruk"],
    ),
    t(
        "grenzen-aangeven",
        "Grenzen aangeven",
        "Setting limits",
        "De eigen grenzen kennen, aangeven en bewaken.",
        &["grenzen", "boundaries"],
    ),
    t(
        "kansen-grijpen",
        "Kansen grijpen",
        "Seizing chances",
        "Kansen zien en benutten, ook na tegenslag.",
        &["perspectief", "toekomst", "opportunities"],
    ),
    t(
        "mogelijkheden-ontwikkelen",
        "Mogelijkheden ontwikkelen",
        "Developing abilities",
        "Eigen talenten en vaardigheden ontwikkelen.",
        &["talent", "ontplooiing", "vaardigheden"],
    ),
    t(
        "kritisch-denken",
        "Kritisch denken en weerstand tegen beïnvloeding",
        "Critical thinking and resistance to influence",
        "Informatie en boodschappen kritisch wegen, minder vatbaar voor manipulatie of propaganda.",
        &[
            "beïnvloeding",
            "beinvloedbaar",
            "mediawijsheid",
            "critical thinking",
        ],
    ),
    t(
        "zelfvertrouwen",
        "Zelfvertrouwen",
        "Self-confidence",
        "Vertrouwen in eigen kunnen en een positief zelfbeeld.",
        &["zelfbeeld", "eigenwaarde", "self-esteem"],
    ),
    t(
        "identiteit",
        "Positieve identiteit",
        "Positive identity",
        "Een stevige, positieve identiteit, ook met meerdere achtergronden.",
        &["identiteitsontwikkeling", "zingeving", "identity"],
    ),
    t(
        "veerkracht",
        "Veerkracht",
        "Bouncing back",
        "Herstellen en verder kunnen na tegenslag of ingrijpende gebeurtenissen.",
        &["herstel", "resilience"],
    ),
    t(
        "sociale-banden",
        "Sociale banden",
        "Social bonds",
        "Steunende relaties in gezin, groep en gemeenschap.",
        &["verbinding", "netwerk", "social ties"],
    ),
    t(
        "collectieve-actie",
        "Collectieve actie",
        "Collective action",
        "Als gemeenschap samen in beweging komen en opkomen voor gedeelde belangen.",
        &["mobilisatie", "samen optrekken"],
    ),
    t(
        "handelingsbekwaamheid",
        "Handelingsbekwaamheid",
        "Capability to act",
        "Weten wat je kunt doen en het ook durven en kunnen, vooral bij professionals en opvoeders.",
        &["handelingsverlegenheid", "competentie", "capability"],
    ),
    t(
        "burgerschap",
        "Democratisch burgerschap",
        "Democratic citizenship",
        "Meedoen aan de democratische samenleving en haar spelregels als bron van weerbaarheid.",
        &["democratie", "participatie", "citizenship"],
    ),
    t(
        "paraatheid",
        "Paraatheid",
        "Preparedness",
        "Een organisatie of gemeente is vooraf voorbereid op spanningen en incidenten, met vaste afspraken en rollen.",
        &["voorbereiding", "draaiboek", "preparedness"],
    ),
    t(
        "vertrouwen-overheid",
        "Vertrouwen tussen gemeenschap en overheid",
        "Trust between community and government",
        "Wederzijds vertrouwen en contact tussen gemeenschappen en (lokale) overheid.",
        &["vertrouwen", "trust"],
    ),
];

/// Working elements ("werkzame elementen"): the parts that make an intervention work.
pub const WORKING_ELEMENTS: &[Term] = &[
    t(
        "kennisoverdracht",
        "Kennisoverdracht",
        "Knowledge transfer",
        "Informatie en inzicht aanreiken over het onderwerp.",
        &["voorlichting", "informatie", "psycho-educatie"],
    ),
    t(
        "ervaringskennis",
        "Ervaringskennis",
        "Lived experience",
        "Ervaringen van deelnemers of ervaringsdeskundigen als bron van leren.",
        &["ervaringsdeskundige", "lived experience"],
    ),
    t(
        "positieve-benadering",
        "Positieve benadering",
        "Positive approach",
        "Uitgaan van kracht en mogelijkheden in plaats van tekorten.",
        &["krachtgericht", "strength-based"],
    ),
    t(
        "peeronderwijs",
        "Peeronderwijs",
        "Peer education",
        "Leeftijds- of lotgenoten die elkaar voorlichten, trainen of steunen.",
        &["peer", "peers", "lotgenoten"],
    ),
    t(
        "trainer-als-rolmodel",
        "Trainer als rolmodel",
        "Trainer as role model",
        "Een trainer of begeleider die als voorbeeld dient en op gelijke voet staat.",
        &["rolmodel", "voorbeeld"],
    ),
    t(
        "oefenen-vaardigheden",
        "Oefenen van vaardigheden",
        "Practising skills",
        "Vaardigheden actief oefenen, bijvoorbeeld in rollenspel of opdrachten.",
        &["rollenspel", "oefenen", "training"],
    ),
    t(
        "doelen-formuleren",
        "Doelen formuleren",
        "Setting goals",
        "Deelnemers formuleren eigen, haalbare doelen.",
        &["doelen", "goals"],
    ),
    t(
        "reflectie",
        "Reflectie",
        "Reflection",
        "Stilstaan bij eigen denken, gevoelens en gedrag.",
        &["zelfreflectie", "bewustwording"],
    ),
    t(
        "dialoog",
        "Dialoog",
        "Dialogue",
        "Gesprek waarin verschillende perspectieven ruimte krijgen.",
        &["gesprek", "debat", "dialogue"],
    ),
    t(
        "veilige-groep",
        "Veilige groep en vertrouwen",
        "Safe group and trust",
        "Een veilige, vertrouwelijke setting waarin deelnemers zich durven te uiten.",
        &["veiligheid", "vertrouwelijk", "safe space"],
    ),
    t(
        "aansluiten-leefwereld",
        "Aansluiten bij de leefwereld",
        "Fitting the lived world",
        "Taal, cultuur, religie en vragen van de doelgroep als vertrekpunt nemen.",
        &["cultuursensitief", "maatwerk", "leefwereld"],
    ),
    t(
        "sociale-banden-versterken",
        "Sociale banden versterken",
        "Strengthening social ties",
        "Relaties tussen deelnemers of met hun omgeving opbouwen en versterken.",
        &["verbinding", "binding"],
    ),
    t(
        "sociale-mobilisatie",
        "Sociale mobilisatie",
        "Social mobilisation",
        "Mensen en gemeenschappen in beweging brengen om zelf iets te doen.",
        &["mobiliseren", "activeren"],
    ),
    t(
        "omgeving-betrekken",
        "Familie, rolmodellen en leeftijdsgenoten betrekken",
        "Involving family, role models and peers",
        "Het sociale netwerk van de deelnemer actief betrekken.",
        &["familie", "ouders betrekken", "netwerk betrekken"],
    ),
    t(
        "persoonlijke-begeleiding",
        "Persoonlijke begeleiding",
        "Personal guidance",
        "Eén-op-één begeleiding, coaching of mentorschap over langere tijd.",
        &["coaching", "mentor", "casemanagement"],
    ),
    t(
        "netwerkvorming",
        "Netwerkvorming",
        "Network building",
        "Mensen en organisaties met elkaar verbinden tot een netwerk dat blijft.",
        &["netwerk", "samenwerking"],
    ),
    t(
        "schoolbrede-aanpak",
        "Schoolbrede aanpak",
        "Whole-school approach",
        "De aanpak is ingebed in de hele school (lessen, gedrag van leraren, schoolbeleid, ouders), zodat het geleerde overal terugkomt.",
        &["hele school", "whole school"],
    ),
    t(
        "bestuurlijke-borging",
        "Bestuurlijke borging",
        "Embedding in governance",
        "Bestuurlijk draagvlak, een vaste coördinator en een erkende rol zorgen dat de aanpak blijft.",
        &["draagvlak", "borging", "commitment"],
    ),
    t(
        "multidisciplinair-samenwerken",
        "Multidisciplinair samenwerken",
        "Multidisciplinary cooperation",
        "Partners uit zorg, veiligheid, onderwijs en gemeente werken samen aan een casus of vraag.",
        &["casusoverleg", "ketensamenwerking", "zorg en veiligheid"],
    ),
    t(
        "signaleren-doorverwijzen",
        "Signaleren en doorverwijzen",
        "Spotting signals and referring",
        "Zorgsignalen leren herkennen, duiden en bij de juiste partij neerleggen.",
        &["signalering", "doorverwijzing", "vroegsignalering"],
    ),
];

/// Evidence levels, strongest first. `rank` orders them for sorting and `--min-evidence`.
pub const EVIDENCE: &[Term] = &[
    t(
        "sterke-aanwijzingen",
        "Effectief volgens sterke aanwijzingen",
        "Effective: strong evidence",
        "Erkend: herhaald degelijk onderzoek toont dat de doelen beter worden bereikt dan zonder of met een andere aanpak.",
        &["sterk", "bewezen effectief"],
    ),
    t(
        "goede-aanwijzingen",
        "Effectief volgens goede aanwijzingen",
        "Effective: good evidence",
        "Erkend: vergelijkend onderzoek met beperkte bewijskracht toont dat de doelen beter worden bereikt.",
        &["goede"],
    ),
    t(
        "eerste-aanwijzingen",
        "Effectief volgens eerste aanwijzingen",
        "Effective: first indications",
        "Erkend: onderzoek zonder controlegroep laat zien dat de doelen in de praktijk worden bereikt.",
        &["eerste", "effectief"],
    ),
    t(
        "goed-onderbouwd",
        "Goed onderbouwd",
        "Well founded",
        "Erkend: goed beschreven en met een theorie die aannemelijk maakt dat de doelen bereikt kunnen worden.",
        &["onderbouwd", "theoretisch onderbouwd"],
    ),
    t(
        "goed-beschreven",
        "Goed beschreven",
        "Well described",
        "Beoordeeld: de beschrijving is helder en bruikbaar volgens een praktijkbeoordeling.",
        &["beschreven"],
    ),
    t(
        "niet-erkend",
        "Niet erkend",
        "Not recognised",
        "Beoordeeld door een erkenningscommissie en niet erkend.",
        &["afgewezen"],
    ),
    t(
        "niet-beoordeeld",
        "Niet beoordeeld",
        "Not assessed",
        "Niet voorgelegd aan een erkenningscommissie, of niet van toepassing (zoals bij een netwerk of handreiking).",
        &["n.v.t.", "nvt"],
    ),
    t(
        "onbekend",
        "Onbekend",
        "Unknown",
        "In de geraadpleegde bronnen is geen beoordeling gevonden.",
        &["unknown"],
    ),
];

/// The state of a recognition as the databank records it (`evidence.status`). The label is
/// what every face shows next to the level ("erkend 2016", "in herbeoordeling").
pub const RECOGNITION_STATUS: &[Term] = &[
    t(
        "erkend",
        "erkend",
        "recognised",
        "De erkenning geldt volgens de databank.",
        &["recognised"],
    ),
    t(
        "in-herbeoordeling",
        "in herbeoordeling",
        "under reassessment",
        "De databank meldt dat de erkenning opnieuw wordt beoordeeld.",
        &["herbeoordeling", "reassessment"],
    ),
    t(
        "vervallen",
        "vervallen",
        "lapsed",
        "De databank meldt dat de erkenning is verlopen of ingetrokken.",
        &["verlopen", "lapsed"],
    ),
    t(
        "niet-erkend",
        "niet erkend",
        "not recognised",
        "Beoordeeld door een erkenningscommissie en niet erkend.",
        &["afgewezen"],
    ),
];

/// The label of a recognition status id, or the id itself when unknown.
pub fn status_label(status_id: &str, lang: Lang) -> &str {
    RECOGNITION_STATUS
        .iter()
        .find(|t| t.id == status_id)
        .map(|t| t.label(lang))
        .unwrap_or(status_id)
}

/// The databanks that publish recognitions (`evidence.databank`), as they name themselves. They
/// publish; the assessing body is the Erkenningscommissie (`evidence.body`).
pub const DATABANKS: &[&str] = &[
    "Movisie",
    "NJi",
    "Loket Gezond Leven",
    "Justitiële interventies",
];

/// Country codes (`country`, several joined with "/", e.g. "NL/BE"): ISO 3166 alpha-2 where one
/// exists (but UK, as the sources write it), EU for the European Union and INT for
/// international or worldwide.
pub const COUNTRIES: &[Term] = &[
    t(
        "NL",
        "Nederland",
        "Netherlands",
        "Nederland.",
        &["nederland", "netherlands"],
    ),
    t(
        "BE",
        "België",
        "Belgium",
        "België (ook Vlaanderen).",
        &["belgie", "belgium", "vlaanderen"],
    ),
    t(
        "DK",
        "Denemarken",
        "Denmark",
        "Denemarken.",
        &["denemarken", "denmark"],
    ),
    t(
        "DE",
        "Duitsland",
        "Germany",
        "Duitsland.",
        &["duitsland", "germany"],
    ),
    t(
        "FR",
        "Frankrijk",
        "France",
        "Frankrijk.",
        &["frankrijk", "france"],
    ),
    t(
        "UK",
        "Verenigd Koninkrijk",
        "United Kingdom",
        "Verenigd Koninkrijk.",
        &["gb", "engeland", "united kingdom"],
    ),
    t("SE", "Zweden", "Sweden", "Zweden.", &["zweden", "sweden"]),
    t(
        "EU",
        "Europese Unie",
        "European Union",
        "Europese Unie of meerdere EU-landen.",
        &["europa", "europe"],
    ),
    t(
        "INT",
        "Internationaal",
        "International",
        "Internationaal of wereldwijd.",
        &["international", "internationaal", "wereldwijd"],
    ),
];

/// The country codes of a `country` value ("NL/BE" → ["NL", "BE"]); empty for "".
pub fn country_codes(country: &str) -> Vec<&str> {
    country
        .split('/')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect()
}

/// Broader/narrower target groups (narrower, broader): selecting the broader value also finds
/// records tagged only with a narrower one. A small tree, one level deep: fathers and mothers
/// are parents; teachers, youth workers, youth care and security professionals are frontline
/// professionals. Documented in docs/schema.md and docs/data-guide.md.
pub const TARGET_GROUP_BROADER: &[(&str, &str)] = &[
    ("vaders", "ouders"),
    ("moeders", "ouders"),
    ("docenten", "professionals"),
    ("jongerenwerkers", "professionals"),
    ("jeugd-zorgprofessionals", "professionals"),
    ("veiligheidsprofessionals", "professionals"),
];

/// The broader values of a value in a facet group, nearest first (only target groups have any).
pub fn broader(group: super::FacetGroup, id: &str) -> Vec<&'static str> {
    if group != super::FacetGroup::TargetGroup {
        return Vec::new();
    }
    let mut out: Vec<&'static str> = Vec::new();
    let mut current = id;
    // The tree is acyclic (a test says so); the bound only guards against a future mistake.
    while out.len() < TARGET_GROUP_BROADER.len() {
        match TARGET_GROUP_BROADER.iter().find(|(n, _)| *n == current) {
            Some((_, b)) => {
                out.push(b);
                current = b;
            }
            None => break,
        }
    }
    out
}

/// The narrower values directly under a value (only target groups have any).
pub fn narrower(group: super::FacetGroup, id: &str) -> Vec<&'static str> {
    if group != super::FacetGroup::TargetGroup {
        return Vec::new();
    }
    TARGET_GROUP_BROADER
        .iter()
        .filter(|(_, b)| *b == id)
        .map(|(n, _)| *n)
        .collect()
}

/// A shorter label for an evidence level, for narrow places (the facet pane): the three
/// "Effectief volgens …" levels start alike and would be cut to the same words, so here the
/// word that tells them apart comes first. `None` where the full label is short already.
pub fn evidence_short_label(evidence_id: &str, lang: Lang) -> Option<&'static str> {
    let (nl, en) = match evidence_id {
        "sterke-aanwijzingen" => ("Sterke aanwijzingen", "Strong evidence"),
        "goede-aanwijzingen" => ("Goede aanwijzingen", "Good evidence"),
        "eerste-aanwijzingen" => ("Eerste aanwijzingen", "First indications"),
        _ => return None,
    };
    Some(match lang {
        Lang::Nl => nl,
        Lang::En => en,
    })
}

/// Evidence levels that are a formal recognition (they need a year and an assessing body).
pub fn is_recognition(evidence_id: &str) -> bool {
    matches!(
        evidence_id,
        "sterke-aanwijzingen"
            | "goede-aanwijzingen"
            | "eerste-aanwijzingen"
            | "goed-onderbouwd"
            | "goed-beschreven"
            | "niet-erkend"
    )
}

/// Higher is stronger evidence; `onbekend` is 0.
pub fn evidence_rank(evidence_id: &str) -> u8 {
    EVIDENCE
        .iter()
        .position(|t| t.id == evidence_id)
        .map(|i| (EVIDENCE.len() - 1 - i) as u8)
        .unwrap_or(0)
}

/// A compact indicator that reads without colour: dots for the recognised levels and a short code.
pub fn evidence_badge(evidence_id: &str) -> (&'static str, &'static str) {
    match evidence_id {
        "sterke-aanwijzingen" => ("●●●●●", "SA"),
        "goede-aanwijzingen" => ("●●●●○", "GA"),
        "eerste-aanwijzingen" => ("●●●○○", "EA"),
        "goed-onderbouwd" => ("●●○○○", "GO"),
        "goed-beschreven" => ("●○○○○", "GB"),
        "niet-erkend" => ("○○○○○", "NE"),
        "niet-beoordeeld" => ("·····", "NB"),
        _ => ("·····", "?"),
    }
}

/// The recognised evidence levels: the four an erkenningscommissie grants as "erkend" (the
/// definitions above say "Erkend:"). `goed-beschreven` and `niet-erkend` are assessments, not a
/// recognition.
pub const RECOGNISED: &[&str] = &[
    "sterke-aanwijzingen",
    "goede-aanwijzingen",
    "eerste-aanwijzingen",
    "goed-onderbouwd",
];

/// Words that mean "any recognition" where an evidence level is asked for.
pub const ANY_RECOGNITION: &[&str] = &["erkend", "erkende", "recognised", "recognized"];

/// Whether an evidence level is one of the recognitions (`RECOGNISED`).
pub fn is_recognised(evidence_id: &str) -> bool {
    RECOGNISED.contains(&evidence_id)
}

/// A typed value folded for comparison: any case, no accents, `-`, `_` and runs of spaces as one
/// space, so `Weerbaar opvoeden`, `weerbaar-opvoeden` and `WEERBAAR_OPVOEDEN` are the same.
fn vocab_key(s: &str) -> String {
    crate::core::model::fold::fold(s.trim())
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The ids a typed value stands for in a vocabulary: the term whose id, Dutch or English label or
/// a synonym it is (any case, accents, `-` or space), best first; for evidence, "erkend" is every
/// recognised level. Empty when it names nothing. The one resolver the CLI filters use.
pub fn resolve(terms: &'static [Term], input: &str) -> Vec<&'static str> {
    let key = vocab_key(input);
    if key.is_empty() {
        return Vec::new();
    }
    // (A `const` slice has no one address: the evidence vocabulary is the one with its ids.)
    let is_evidence = RECOGNISED.iter().all(|r| terms.iter().any(|t| t.id == *r));
    if is_evidence && ANY_RECOGNITION.iter().any(|w| vocab_key(w) == key) {
        return RECOGNISED.to_vec();
    }
    // An id or label first: a synonym shared by two terms must not hide the term it names.
    let by_name: Vec<&'static str> = terms
        .iter()
        .filter(|t| vocab_key(t.id) == key || vocab_key(t.nl) == key || vocab_key(t.en) == key)
        .map(|t| t.id)
        .collect();
    if !by_name.is_empty() {
        return by_name;
    }
    terms
        .iter()
        .filter(|t| t.synonyms.iter().any(|s| vocab_key(s) == key))
        .map(|t| t.id)
        .collect()
}

/// Suggest the closest valid ids for an unknown one, best first (at most three).
pub fn closest_ids<'a>(
    unknown: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Vec<&'a str> {
    let needle = unknown.trim().to_lowercase();
    // Nothing typed is near everything: no suggestion (the caller lists the valid ids).
    if needle.is_empty() {
        return Vec::new();
    }
    // A third of the word may be wrong, at least two letters: `polarisati` finds
    // `polarisatie`, but `nope` does not find `soar`.
    let len = needle.chars().count();
    let limit = (len / 3).max(2);
    let mut scored: Vec<(usize, &str)> = candidates
        .into_iter()
        // The distance is at least the difference in length: a candidate that cannot be
        // near is not measured (a 3 MB config value is compared in no time).
        .filter(|c| len.abs_diff(c.chars().count()) <= limit || c.contains(&needle))
        .map(|c| {
            let mut d = strsim::levenshtein(&needle, c);
            if c.starts_with(&needle) || c.contains(&needle) {
                d = d.min(1);
            }
            (d, c)
        })
        .collect();
    scored.sort();
    scored
        .into_iter()
        .filter(|(d, _)| *d <= limit)
        .take(3)
        .map(|(_, c)| c)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn ids_are_unique_kebab_case_in_every_vocabulary() {
        for vocab in [
            THEMES,
            TARGET_GROUPS,
            LEVELS,
            OFFER_TYPES,
            PREVENTION,
            DIMENSIONS,
            WORKING_ELEMENTS,
            EVIDENCE,
        ] {
            let mut seen = HashSet::new();
            for term in vocab {
                assert!(seen.insert(term.id), "duplicate id {}", term.id);
                assert!(
                    term.id
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c == '-' || c.is_ascii_digit()),
                    "{} is not kebab-case",
                    term.id
                );
                assert!(!term.definition.is_empty() && !term.en.is_empty());
            }
        }
    }

    #[test]
    fn the_target_group_tree_uses_defined_ids_and_has_no_cycle() {
        use crate::core::model::FacetGroup;
        for (n, b) in TARGET_GROUP_BROADER {
            assert!(TARGET_GROUPS.iter().any(|t| t.id == *n), "{n}");
            assert!(TARGET_GROUPS.iter().any(|t| t.id == *b), "{b}");
            assert!(
                !broader(FacetGroup::TargetGroup, b).contains(n),
                "{n} under {b} and back"
            );
        }
        assert_eq!(broader(FacetGroup::TargetGroup, "moeders"), vec!["ouders"]);
        assert_eq!(
            narrower(FacetGroup::TargetGroup, "ouders"),
            vec!["vaders", "moeders"]
        );
        assert!(broader(FacetGroup::Theme, "moeders").is_empty());
    }

    #[test]
    fn evidence_rank_orders_strong_above_unknown() {
        assert!(evidence_rank("sterke-aanwijzingen") > evidence_rank("goed-onderbouwd"));
        assert!(evidence_rank("goed-onderbouwd") > evidence_rank("goed-beschreven"));
        assert!(evidence_rank("niet-erkend") > evidence_rank("onbekend"));
        assert_eq!(evidence_rank("onbekend"), 0);
    }

    #[test]
    fn a_value_is_found_by_id_label_or_synonym_in_any_case() {
        assert_eq!(resolve(THEMES, "Weerbaar opvoeden"), ["weerbaar-opvoeden"]);
        assert_eq!(resolve(THEMES, "WEERBAAR-OPVOEDEN"), ["weerbaar-opvoeden"]);
        assert_eq!(resolve(THEMES, "polarisation"), ["polarisatie"]);
        assert_eq!(resolve(TARGET_GROUPS, "Ouders"), ["ouders"]);
        assert_eq!(resolve(EVIDENCE, "Goed onderbouwd"), ["goed-onderbouwd"]);
        assert!(resolve(THEMES, "nope").is_empty() && resolve(THEMES, " ").is_empty());
    }

    #[test]
    fn erkend_is_every_recognition_and_never_niet_erkend() {
        let any = resolve(EVIDENCE, "Erkend");
        assert_eq!(any, RECOGNISED);
        assert!(!any.contains(&"niet-erkend") && !any.contains(&"goed-beschreven"));
        assert_eq!(resolve(EVIDENCE, "recognized"), RECOGNISED);
        // Only evidence knows the word.
        assert!(resolve(THEMES, "erkend").is_empty());
    }

    #[test]
    fn closest_ids_suggests_near_misses() {
        let ids = THEMES.iter().map(|t| t.id);
        assert_eq!(closest_ids("polarisati", ids.clone())[0], "polarisatie");
        assert_eq!(
            closest_ids("radicalisation", ids.clone())[0],
            "radicalisering"
        );
        assert!(closest_ids("zzzzzzzzzzzzzzzzzzzz", ids).is_empty());
    }
}
