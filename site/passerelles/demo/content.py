# ruff: noqa: E501 -- prose strings stay on one line each, as the loader and translators read them.
"""Demo content for Passerelles, in French (source), Dutch and English.

Pure data read by `passerelles.demo.loader`. Every translatable text is a `T` dict with
the keys "fr", "nl" and "en". Cross-references use agency and sector slugs and
edition and venue keys. The people in the stories are fictional.
"""

from typing import Any

T = dict[str, str]
Record = dict[str, Any]

ALL_AGENCIES: list[str] = [
    "wbmusiques",
    "wbimages",
    "wbtheatredanse",
    "wbarchitectures",
    "wbcampus",
    "wbdm",
]

# -- Sectors -------------------------------------------------------------------

SECTORS: list[Record] = [
    {"slug": "design", "name": {"fr": "Design", "nl": "Design", "en": "Design"}},
    {"slug": "fashion", "name": {"fr": "Mode", "nl": "Mode", "en": "Fashion"}},
    {"slug": "music", "name": {"fr": "Musique", "nl": "Muziek", "en": "Music"}},
    {
        "slug": "film-audiovisual",
        "name": {
            "fr": "Cinéma et audiovisuel",
            "nl": "Film en audiovisueel",
            "en": "Film and audiovisual",
        },
    },
    {
        "slug": "theatre-dance",
        "name": {"fr": "Théâtre et danse", "nl": "Theater en dans", "en": "Theatre and dance"},
    },
    {
        "slug": "architecture",
        "name": {"fr": "Architecture", "nl": "Architectuur", "en": "Architecture"},
    },
    {
        "slug": "higher-education",
        "name": {"fr": "Enseignement supérieur", "nl": "Hoger onderwijs", "en": "Higher education"},
    },
]

# -- Agencies ------------------------------------------------------------------

AGENCIES: list[Record] = [
    {
        "slug": "wbmusiques",
        "title": "WBMusiques",
        "short_name": "WBM",
        "sectors": ["music"],
        "introduction": {
            "fr": "WBMusiques accompagne les artistes et les professionnels de la musique de la Fédération Wallonie-Bruxelles dans leur développement à l'international, toutes esthétiques confondues.",
            "nl": "WBMusiques begeleidt artiesten en muziekprofessionals uit de Federatie Wallonië-Brussel bij hun internationale ontwikkeling, in alle genres.",
            "en": "WBMusiques supports artists and music professionals from the Wallonia-Brussels Federation as they develop their careers abroad, across every genre.",
        },
        "body": [
            {
                "fr": "De la musique classique aux musiques actuelles, en passant par le jazz et les musiques du monde, l'agence aide les artistes, les labels, les managers et les tourneurs à se présenter sur les marchés et les festivals étrangers.",
                "nl": "Van klassieke muziek tot hedendaagse pop, via jazz en wereldmuziek: het agentschap helpt artiesten, labels, managers en boekers om zich te presenteren op buitenlandse beurzen en festivals.",
                "en": "From classical music to contemporary pop, by way of jazz and world music, the agency helps artists, labels, managers and bookers present their work at showcases and festivals abroad.",
            },
            {
                "fr": "Son équipe conseille les projets qui préparent une tournée, facilite les premiers contacts avec des programmateurs et relaie les occasions de coopération avec d'autres pays.",
                "nl": "Het team adviseert projecten die een tournee voorbereiden, helpt bij de eerste contacten met programmatoren en deelt kansen op samenwerking met andere landen.",
                "en": "Its team advises projects preparing a tour, helps make first contact with programmers and passes on opportunities for cooperation with other countries.",
            },
            {
                "fr": "À Passerelles, WBMusiques vient surtout écouter : les idées qui font voyager la musique naissent souvent en dehors d'elle.",
                "nl": "Op Passerelles komt WBMusiques vooral luisteren: de ideeën die muziek doen reizen, ontstaan vaak buiten de muziekwereld.",
                "en": "At Passerelles, WBMusiques mostly comes to listen: the ideas that help music travel often come from outside it.",
            },
        ],
        "website": "https://wbmusiques.example",
        "contact_email": "info@wbmusiques.example",
        "contact_phone": "+32 2 555 01 10",
        "address": {
            "fr": "Rue du Canal 24, 1000 Bruxelles",
            "nl": "Kanaalstraat 24, 1000 Brussel",
            "en": "Rue du Canal 24, 1000 Brussels",
        },
    },
    {
        "slug": "wbimages",
        "title": "WBImages",
        "short_name": "WBI",
        "sectors": ["film-audiovisual"],
        "introduction": {
            "fr": "WBImages soutient la diffusion et la promotion internationale du cinéma et de l'audiovisuel produits en Fédération Wallonie-Bruxelles.",
            "nl": "WBImages ondersteunt de internationale verspreiding en promotie van film en audiovisuele producties uit de Federatie Wallonië-Brussel.",
            "en": "WBImages supports the international distribution and promotion of film and audiovisual work produced in the Wallonia-Brussels Federation.",
        },
        "body": [
            {
                "fr": "Longs et courts métrages, documentaires, animation, séries : l'agence accompagne les œuvres et leurs équipes vers les festivals, les marchés et les vendeurs internationaux.",
                "nl": "Lange en korte films, documentaires, animatie en series: het agentschap begeleidt werken en hun makers naar festivals, markten en internationale verkopers.",
                "en": "Features and shorts, documentaries, animation and series: the agency guides films and their teams towards festivals, markets and international sales agents.",
            },
            {
                "fr": "Elle informe les producteurs et les cinéastes sur les stratégies de sortie, les aides disponibles et les partenaires possibles, du premier festival jusqu'à l'exploitation en salle.",
                "nl": "Het informeert producenten en filmmakers over releasestrategieën, beschikbare steun en mogelijke partners, van het eerste festival tot de release in de bioscoop.",
                "en": "It advises producers and filmmakers on release strategies, available funding and potential partners, from a first festival to a cinema release.",
            },
            {
                "fr": "Aux soirées Passerelles, ses chargés de projet croisent compositrices, costumiers, scénographes et architectes : autant de talents qui font aussi un film.",
                "nl": "Op de Passerelles-avonden ontmoeten de projectmedewerkers componisten, kostuumontwerpers, scenografen en architecten: stuk voor stuk talenten die mee een film maken.",
                "en": "At Passerelles evenings, its project officers meet composers, costume designers, set designers and architects, all of whom help make a film.",
            },
        ],
        "website": "https://wbimages.example",
        "contact_email": "info@wbimages.example",
        "contact_phone": "+32 2 555 01 20",
        "address": {
            "fr": "Boulevard Adolphe Max 13, 1000 Bruxelles",
            "nl": "Adolphe Maxlaan 13, 1000 Brussel",
            "en": "Boulevard Adolphe Max 13, 1000 Brussels",
        },
    },
    {
        "slug": "wbtheatredanse",
        "title": "WBThéâtreDanse",
        "short_name": "WBTD",
        "sectors": ["theatre-dance"],
        "introduction": {
            "fr": "WBThéâtreDanse accompagne les compagnies, les artistes et les structures des arts de la scène de la Fédération Wallonie-Bruxelles dans leur rayonnement à l'étranger.",
            "nl": "WBThéâtreDanse begeleidt gezelschappen, kunstenaars en organisaties uit de podiumkunsten van de Federatie Wallonië-Brussel bij hun uitstraling in het buitenland.",
            "en": "WBThéâtreDanse helps performing-arts companies, artists and organisations from the Wallonia-Brussels Federation build their presence abroad.",
        },
        "body": [
            {
                "fr": "Théâtre, danse, cirque, arts de la rue, jeune public : l'agence fait connaître les créations auprès des programmateurs étrangers et soutient la circulation des spectacles.",
                "nl": "Theater, dans, circus, straattheater en jeugdtheater: het agentschap brengt nieuwe creaties onder de aandacht van buitenlandse programmatoren en helpt voorstellingen reizen.",
                "en": "Theatre, dance, circus, street arts and work for young audiences: the agency introduces new productions to foreign programmers and helps shows travel.",
            },
            {
                "fr": "Elle conseille les équipes dans la construction de leurs tournées, la recherche de coproducteurs et la préparation des rendez-vous professionnels.",
                "nl": "Het adviseert teams bij het uitbouwen van tournees, het zoeken naar coproducenten en het voorbereiden van professionele ontmoetingen.",
                "en": "It advises teams on building tours, finding co-producers and preparing for industry meetings.",
            },
        ],
        "website": "https://wbtheatredanse.example",
        "contact_email": "info@wbtheatredanse.example",
        "contact_phone": "+32 2 555 01 30",
        "address": {
            "fr": "Rue de Flandre 46, 1000 Bruxelles",
            "nl": "Vlaamsesteenweg 46, 1000 Brussel",
            "en": "Rue de Flandre 46, 1000 Brussels",
        },
    },
    {
        "slug": "wbarchitectures",
        "title": "WBArchitectures",
        "short_name": "WBA",
        "sectors": ["architecture"],
        "introduction": {
            "fr": "WBArchitectures fait connaître à l'international l'architecture, l'urbanisme et le paysage conçus par les bureaux de Wallonie et de Bruxelles.",
            "nl": "WBArchitectures maakt architectuur, stedenbouw en landschapsontwerp van bureaus uit Wallonië en Brussel internationaal bekend.",
            "en": "WBArchitectures raises the international profile of architecture, urban design and landscape work by practices from Wallonia and Brussels.",
        },
        "body": [
            {
                "fr": "L'agence accompagne les architectes dans leur participation à des expositions, des biennales et des concours à l'étranger, et organise des rencontres avec des maîtres d'ouvrage et des critiques.",
                "nl": "Het agentschap begeleidt architecten bij deelnames aan tentoonstellingen, biënnales en wedstrijden in het buitenland en organiseert ontmoetingen met opdrachtgevers en critici.",
                "en": "The agency supports architects taking part in exhibitions, biennales and competitions abroad, and arranges meetings with clients and critics.",
            },
            {
                "fr": "Elle s'intéresse particulièrement aux jeunes bureaux, pour qui un premier projet hors des frontières peut tout changer.",
                "nl": "Het heeft bijzondere aandacht voor jonge bureaus, voor wie een eerste project over de grens alles kan veranderen.",
                "en": "It pays particular attention to young practices, for whom a first project abroad can change everything.",
            },
            {
                "fr": "À Passerelles, les architectes retrouvent des designers, des scénographes et des artistes avec qui penser l'espace autrement.",
                "nl": "Op Passerelles ontmoeten architecten ontwerpers, scenografen en kunstenaars met wie ze anders over ruimte leren nadenken.",
                "en": "At Passerelles, architects meet designers, set designers and artists with whom to think about space differently.",
            },
        ],
        "website": "https://wbarchitectures.example",
        "contact_email": "info@wbarchitectures.example",
        "contact_phone": "+32 2 555 01 40",
        "address": {
            "fr": "Rue Ernest Allard 21, 1000 Bruxelles",
            "nl": "Ernest Allardstraat 21, 1000 Brussel",
            "en": "Rue Ernest Allard 21, 1000 Brussels",
        },
    },
    {
        "slug": "wbcampus",
        "title": "WBCampus",
        "short_name": "WBC",
        "sectors": ["higher-education"],
        "introduction": {
            "fr": "WBCampus promeut l'enseignement supérieur de la Fédération Wallonie-Bruxelles à l'étranger et soutient la mobilité des étudiants, des enseignants et des chercheurs.",
            "nl": "WBCampus promoot het hoger onderwijs van de Federatie Wallonië-Brussel in het buitenland en ondersteunt de mobiliteit van studenten, docenten en onderzoekers.",
            "en": "WBCampus promotes higher education in the Wallonia-Brussels Federation abroad and supports the mobility of students, teaching staff and researchers.",
        },
        "body": [
            {
                "fr": "Universités, hautes écoles et écoles supérieures des arts : l'agence aide les établissements à nouer des partenariats internationaux et à accueillir des étudiants venus d'ailleurs.",
                "nl": "Universiteiten, hogescholen en kunsthogescholen: het agentschap helpt instellingen internationale partnerschappen aan te gaan en studenten van elders te ontvangen.",
                "en": "Universities, university colleges and art schools: the agency helps institutions build international partnerships and welcome students from elsewhere.",
            },
            {
                "fr": "Sa présence à Passerelles rappelle que les écoles sont aussi des lieux de création, et que les stages et les premiers emplois se décident souvent au détour d'une conversation.",
                "nl": "Zijn aanwezigheid op Passerelles herinnert eraan dat scholen ook plaatsen van creatie zijn, en dat stages en eerste jobs vaak in een terloops gesprek beslist worden.",
                "en": "Its presence at Passerelles is a reminder that schools are also places of creation, and that internships and first jobs are often decided in a passing conversation.",
            },
        ],
        "website": "https://wbcampus.example",
        "contact_email": "info@wbcampus.example",
        "contact_phone": "+32 2 555 01 50",
        "address": {
            "fr": "Avenue Louise 120, 1050 Bruxelles",
            "nl": "Louizalaan 120, 1050 Brussel",
            "en": "Avenue Louise 120, 1050 Brussels",
        },
    },
    {
        "slug": "wbdm",
        "title": "Wallonia-Brussels Design Mode",
        "short_name": "WBDM",
        "sectors": ["design", "fashion"],
        "introduction": {
            "fr": "Wallonia-Brussels Design Mode (WBDM) accompagne les designers et les créateurs de mode de Wallonie et de Bruxelles dans leur développement international.",
            "nl": "Wallonia-Brussels Design Mode (WBDM) begeleidt ontwerpers en modeontwerpers uit Wallonië en Brussel bij hun internationale ontwikkeling.",
            "en": "Wallonia-Brussels Design Mode (WBDM) supports designers and fashion creators from Wallonia and Brussels as they grow internationally.",
        },
        "body": [
            {
                "fr": "Design d'objet, mobilier, graphisme, mode et accessoires : l'agence soutient la présence des créateurs dans les salons, les semaines du design et de la mode et les expositions à l'étranger.",
                "nl": "Productontwerp, meubels, grafisch ontwerp, mode en accessoires: het agentschap ondersteunt de aanwezigheid van ontwerpers op beurzen, design- en modeweken en tentoonstellingen in het buitenland.",
                "en": "Product and furniture design, graphic design, fashion and accessories: the agency supports designers at trade fairs, design and fashion weeks and exhibitions abroad.",
            },
            {
                "fr": "Elle accompagne aussi la structuration des jeunes marques : production, prix, distribution, propriété intellectuelle.",
                "nl": "Het helpt ook jonge merken zich te structureren: productie, prijszetting, distributie en intellectuele eigendom.",
                "en": "It also helps young brands put solid foundations in place: production, pricing, distribution and intellectual property.",
            },
            {
                "fr": "Design et mode sont à Passerelles deux secteurs distincts, mais WBDM y voit surtout des ponts : vers la scène, la musique, l'image et l'architecture.",
                "nl": "Design en mode zijn op Passerelles twee aparte sectoren, maar WBDM ziet er vooral bruggen in: naar het podium, de muziek, het beeld en de architectuur.",
                "en": "At Passerelles, design and fashion are two separate sectors, but WBDM sees them above all as bridges to the stage, music, film and architecture.",
            },
        ],
        "website": "https://wbdm.example",
        "contact_email": "info@wbdm.example",
        "contact_phone": "+32 2 555 01 60",
        "address": {
            "fr": "Rue Antoine Dansaert 70, 1000 Bruxelles",
            "nl": "Antoine Dansaertstraat 70, 1000 Brussel",
            "en": "Rue Antoine Dansaert 70, 1000 Brussels",
        },
    },
]

# -- Index pages and home page -------------------------------------------------

AGENCY_INDEX: Record = {
    "slug": {"fr": "agences", "nl": "agentschappen", "en": "agencies"},
    "title": {"fr": "Agences", "nl": "Agentschappen", "en": "Agencies"},
    "introduction": {
        "fr": "Six agences, une même mission : faire rayonner à l'étranger les créateurs et les institutions de Wallonie et de Bruxelles. Découvrez leurs équipes et leurs secteurs.",
        "nl": "Zes agentschappen, één opdracht: makers en instellingen uit Wallonië en Brussel in het buitenland laten schitteren. Maak kennis met hun teams en hun sectoren.",
        "en": "Six agencies, one shared mission: helping creators and institutions from Wallonia and Brussels shine abroad. Meet their teams and the sectors they serve.",
    },
}

EDITION_INDEX: Record = {
    "slug": {"fr": "editions", "nl": "edities", "en": "editions"},
    "title": {"fr": "Éditions", "nl": "Edities", "en": "Editions"},
    "introduction": {
        "fr": "Chaque soirée Passerelles change de lieu et d'agence hôte. Retrouvez la prochaine édition, le programme des précédentes et ce qui en est sorti.",
        "nl": "Elke Passerelles-avond vindt plaats op een andere locatie, met telkens een ander gastagentschap. Ontdek de volgende editie, het programma van de vorige en wat eruit voortkwam.",
        "en": "Each Passerelles evening moves to a new venue with a different host agency. Find the next edition, the programmes of past ones and what came out of them.",
    },
}

STORY_INDEX: Record = {
    "slug": {"fr": "recits", "nl": "verhalen", "en": "stories"},
    "title": {"fr": "Récits", "nl": "Verhalen", "en": "Stories"},
    "introduction": {
        "fr": "Un stage, un texte commandé, une tournée, un conseil au bon moment : voici ce que racontent les participants après une soirée Passerelles. Beaucoup de ces projets n'en sont qu'à leurs débuts, portés par un dialogue qui continue.",
        "nl": "Een stage, een tekst op bestelling, een tournee, een goed advies op het juiste moment: dit vertellen deelnemers na een Passerelles-avond. Veel van die projecten staan nog maar aan het begin en leven verder dankzij een gesprek dat doorloopt.",
        "en": "An internship, a commissioned text, a tour, the right advice at the right time: this is what participants tell us after a Passerelles evening. Many of these projects are still in their early days, kept alive by an ongoing conversation.",
    },
}

# Titles the index pages had in earlier versions of the demo. Menu, title and
# address now agree in each language ("Récits", /fr/recits/); `load_demo`
# renames an index page that still carries its old demo title in every
# language (an editor's own title is never touched). Addresses did not change.
PREVIOUS_INDEX_TITLES: dict[str, Record] = {
    "agencies": {"fr": "Les agences", "nl": "De agentschappen", "en": "The agencies"},
    "editions": {"fr": "Les éditions", "nl": "De edities", "en": "The editions"},
    "stories": {
        "fr": "Récits de rencontres",
        "nl": "Verhalen van ontmoetingen",
        "en": "Stories from the evenings",
    },
}

HOME: Record = {
    "title": {"fr": "Passerelles", "nl": "Passerelles", "en": "Passerelles"},
    "introduction": [
        {
            "fr": "Deux fois par an, au printemps et à l'automne, les six agences de promotion internationale de la Fédération Wallonie-Bruxelles invitent les créatrices et les créateurs de tous les secteurs à une soirée de rencontre informelle.",
            "nl": "Twee keer per jaar, in het voorjaar en in het najaar, nodigen de zes agentschappen voor internationale promotie van de Federatie Wallonië-Brussel makers uit alle sectoren uit voor een informele netwerkavond.",
            "en": "Twice a year, in spring and autumn, the six international promotion agencies of the Wallonia-Brussels Federation invite creators from every sector to an informal networking evening.",
        },
        {
            "fr": "Design, mode, musique, cinéma et audiovisuel, théâtre et danse, architecture, enseignement supérieur : depuis 2022, ces rencontres ont fait naître des collaborations, des conseils, des stages et des amitiés. Voici quelques-unes de leurs histoires.",
            "nl": "Design, mode, muziek, film en audiovisueel, theater en dans, architectuur en hoger onderwijs: sinds 2022 leidden deze ontmoetingen tot samenwerkingen, adviezen, stages en vriendschappen. Hier lees je enkele van die verhalen.",
            "en": "Design, fashion, music, film and audiovisual, theatre and dance, architecture and higher education: since 2022, these evenings have sparked collaborations, advice, internships and friendships. Here are some of their stories.",
        },
    ],
}

# -- Venues ---------------------------------------------------------------------
# The name stays the venue's own; city, country and accessibility notes are
# translated; the street is shared (a Brussels venue overrides it in Dutch).

BELGIUM: T = {"fr": "Belgique", "nl": "België", "en": "Belgium"}

VENUES: list[Record] = [
    {
        "key": "halle-du-canal",
        "name": "Halle du Canal",
        "street": {"fr": "Quai des Péniches 52", "nl": "Akenkaai 52"},
        "postal_code": "1000",
        "city": {"fr": "Bruxelles", "nl": "Brussel", "en": "Brussels"},
        "country": BELGIUM,
        "website": "https://halleducanal.example",
        "accessibility": {
            "fr": "Accès de plain-pied, ascenseur vers la mezzanine et toilettes adaptées au rez-de-chaussée ; métro Yser à cinq minutes à pied.",
            "nl": "Gelijkvloerse toegang, lift naar de mezzanine en aangepaste toiletten op de benedenverdieping; metrostation IJzer op vijf minuten lopen.",
            "en": "Step-free entrance, lift to the mezzanine and accessible toilets on the ground floor; Yser metro station is a five-minute walk.",
        },
    },
    {
        "key": "ateliers-de-la-meuse",
        "name": "Les Ateliers de la Meuse",
        "street": {"fr": "Quai de la Batte 14"},
        "postal_code": "4000",
        "city": {"fr": "Liège", "nl": "Luik", "en": "Liège"},
        "country": BELGIUM,
        "website": "https://ateliersdelameuse.example",
        "accessibility": {
            "fr": "Entrée accessible par la rampe côté quai, boucle magnétique dans la grande salle et arrêt de bus à cent mètres.",
            "nl": "Toegankelijke ingang via de helling aan de kaaizijde, ringleiding in de grote zaal en een bushalte op honderd meter.",
            "en": "Accessible entrance by the ramp on the quay side, hearing loop in the main hall and a bus stop a hundred metres away.",
        },
    },
    {
        "key": "la-verrerie",
        "name": "La Verrerie",
        "street": {"fr": "Rue de la Providence 88"},
        "postal_code": "6000",
        "city": {"fr": "Charleroi", "nl": "Charleroi", "en": "Charleroi"},
        "country": BELGIUM,
        "website": "https://laverrerie-charleroi.example",
        "accessibility": {
            "fr": "Salle entièrement de plain-pied, deux places de parking réservées et gare de Charleroi-Central à dix minutes à pied.",
            "nl": "Zaal volledig gelijkvloers, twee voorbehouden parkeerplaatsen en station Charleroi-Centraal op tien minuten lopen.",
            "en": "Hall entirely on one level, two reserved parking spaces and Charleroi-Central station a ten-minute walk away.",
        },
    },
    {
        "key": "manege-des-arts",
        "name": "Le Manège des Arts",
        "street": {"fr": "Rue des Sœurs Noires 9"},
        "postal_code": "7000",
        "city": {"fr": "Mons", "nl": "Bergen", "en": "Mons"},
        "country": BELGIUM,
        "website": "https://manegedesarts.example",
        "accessibility": {
            "fr": "Salle principale accessible en fauteuil roulant, étage desservi par un monte-personne et gare de Mons à un quart d'heure à pied.",
            "nl": "Grote zaal toegankelijk met de rolstoel, verdieping bereikbaar met een personenlift en station Bergen op een kwartier lopen.",
            "en": "Main hall accessible by wheelchair, upper floor served by a platform lift and Mons station a quarter of an hour's walk away.",
        },
    },
    {
        "key": "serres-du-confluent",
        "name": "Les Serres du Confluent",
        "street": {"fr": "Boulevard du Confluent 3"},
        "postal_code": "5000",
        "city": {"fr": "Namur", "nl": "Namen", "en": "Namur"},
        "country": BELGIUM,
        "website": "https://serresduconfluent.example",
        "accessibility": {
            "fr": "Accès de plain-pied depuis le parvis, chiens d'assistance bienvenus et sièges disponibles sur demande à l'accueil.",
            "nl": "Gelijkvloerse toegang vanaf het voorplein, assistentiehonden welkom en zitjes op aanvraag aan het onthaal.",
            "en": "Step-free access from the forecourt, assistance dogs welcome and seats available on request at the front desk.",
        },
    },
]

# -- Past editions -------------------------------------------------------------

EDITIONS: list[Record] = [
    {
        "key": "spring-2024",
        "slug": {"fr": "printemps-2024", "nl": "voorjaar-2024", "en": "spring-2024"},
        "title": {
            "fr": "Passerelles — printemps 2024",
            "nl": "Passerelles — voorjaar 2024",
            "en": "Passerelles — spring 2024",
        },
        "start": "2024-04-18T18:30",
        "end": "2024-04-18T22:30",
        "venue": "halle-du-canal",
        "host": "wbtheatredanse",
        "participants": ALL_AGENCIES,
        "theme": {
            "fr": "Se rencontrer sans ordre du jour",
            "nl": "Elkaar ontmoeten zonder agenda",
            "en": "Meeting without an agenda",
        },
        "introduction": {
            "fr": "Pour cette édition de printemps, WBThéâtreDanse accueille les sept secteurs à la Halle du Canal, avec une seule règle : parler à quelqu'un qu'on ne connaît pas encore.",
            "nl": "Voor deze voorjaarseditie ontvangt WBThéâtreDanse de zeven sectoren in de Halle du Canal, met één regel: praat met iemand die je nog niet kent.",
            "en": "For this spring edition, WBThéâtreDanse welcomes all seven sectors to the Halle du Canal, with just one rule: talk to someone you have not met yet.",
        },
        "programme": [
            {
                "time": "18:30",
                "title": {"fr": "Accueil", "nl": "Onthaal", "en": "Welcome"},
                "description": {
                    "fr": "Badges aux couleurs des secteurs, café et jus de fruits locaux à l'entrée.",
                    "nl": "Badges in de kleuren van de sectoren, koffie en lokale vruchtensappen aan de ingang.",
                    "en": "Badges in sector colours, with coffee and local fruit juice at the door.",
                },
            },
            {
                "time": "19:00",
                "title": {
                    "fr": "Mot d'accueil des six agences",
                    "nl": "Welkomstwoord van de zes agentschappen",
                    "en": "Welcome from the six agencies",
                },
                "description": {
                    "fr": "Dix minutes, pas une de plus, pour présenter les équipes présentes dans la salle.",
                    "nl": "Tien minuten, geen minuut meer, om de aanwezige teams voor te stellen.",
                    "en": "Ten minutes, not a minute more, to introduce the teams in the room.",
                },
            },
            {
                "time": "19:15",
                "title": {
                    "fr": "Tables croisées",
                    "nl": "Gekruiste tafels",
                    "en": "Cross-sector tables",
                },
                "description": {
                    "fr": "Trois tours de vingt minutes, à des tables où chaque secteur n'est représenté qu'une fois.",
                    "nl": "Drie rondes van twintig minuten, aan tafels waar elke sector maar één keer vertegenwoordigd is.",
                    "en": "Three twenty-minute rounds at tables where each sector has only one seat.",
                },
            },
            {
                "time": "20:30",
                "title": {
                    "fr": "Buffet et rencontres libres",
                    "nl": "Buffet en vrije ontmoetingen",
                    "en": "Buffet and open networking",
                },
                "description": {
                    "fr": "Cuisine de saison et conversations sans minuteur jusqu'à la fermeture.",
                    "nl": "Seizoensgerechten en gesprekken zonder tijdslimiet tot sluitingstijd.",
                    "en": "Seasonal food and conversations with no timer until closing.",
                },
            },
        ],
        "body": [
            {
                "fr": "Les soirées Passerelles existent depuis 2022. Cette édition fait le pari de la simplicité : pas de conférence, pas de pitch, seulement des tables partagées et des équipes d'agence disponibles pour répondre aux questions.",
                "nl": "De Passerelles-avonden bestaan sinds 2022. Deze editie zet in op eenvoud: geen lezingen, geen pitches, alleen gedeelde tafels en medewerkers van de agentschappen die klaarstaan voor vragen.",
                "en": "Passerelles evenings have been running since 2022. This edition bets on simplicity: no talks, no pitches, just shared tables and agency staff on hand to answer questions.",
            },
        ],
        "capacity": 120,
        "attendance_count": 96,
        "registration_url": "https://passerelles.example/inscription/printemps-2024",
        "recap": [
            {
                "fr": "Près d'une centaine de participants ont répondu présent. Les tables croisées ont donné lieu à des échanges inattendus, notamment entre designers et architectes, et plusieurs participants sont repartis avec un rendez-vous déjà fixé.",
                "nl": "Bijna honderd deelnemers waren erbij. De gekruiste tafels zorgden voor onverwachte gesprekken, vooral tussen ontwerpers en architecten, en verschillende deelnemers vertrokken met een afspraak in hun agenda.",
                "en": "Nearly a hundred participants came along. The cross-sector tables led to unexpected conversations, particularly between designers and architects, and several people left with a meeting already in the diary.",
            },
            {
                "fr": "Les équipes des agences ont aussi été sollicitées pour des questions très concrètes, de la facturation à l'étranger aux contrats de coproduction.",
                "nl": "De teams van de agentschappen kregen ook heel concrete vragen, van facturatie in het buitenland tot coproductiecontracten.",
                "en": "Agency staff also fielded very practical questions, from invoicing abroad to co-production contracts.",
            },
        ],
        "outcomes_summary": {
            "fr": "Un projet commun entre une designer et une architecte, et une médiation réussie avec un partenaire étranger.",
            "nl": "Een gezamenlijk project van een ontwerpster en een architecte, en een geslaagde bemiddeling met een buitenlandse partner.",
            "en": "A joint project between a designer and an architect, and a successful mediation with a foreign partner.",
        },
    },
    {
        "key": "autumn-2024",
        "slug": {"fr": "automne-2024", "nl": "najaar-2024", "en": "autumn-2024"},
        "title": {
            "fr": "Passerelles — automne 2024",
            "nl": "Passerelles — najaar 2024",
            "en": "Passerelles — autumn 2024",
        },
        "start": "2024-10-10T18:30",
        "end": "2024-10-10T22:00",
        "venue": "ateliers-de-la-meuse",
        "host": "wbmusiques",
        "participants": ["wbmusiques", "wbimages", "wbtheatredanse", "wbcampus", "wbdm"],
        "theme": {
            "fr": "Le son comme terrain commun",
            "nl": "Geluid als gemeenschappelijke grond",
            "en": "Sound as common ground",
        },
        "introduction": {
            "fr": "À Liège, WBMusiques invite à écouter autrement : comment le son relie-t-il la scène, l'image, l'objet et l'espace ?",
            "nl": "In Luik nodigt WBMusiques uit om anders te luisteren: hoe verbindt geluid het podium, het beeld, het object en de ruimte?",
            "en": "In Liège, WBMusiques invites everyone to listen differently: how does sound connect the stage, the screen, objects and space?",
        },
        "programme": [
            {
                "time": "18:30",
                "title": {
                    "fr": "Accueil en musique",
                    "nl": "Onthaal met muziek",
                    "en": "Welcome with live music",
                },
                "description": {
                    "fr": "Un duo violoncelle et électronique d'une école supérieure des arts liégeoise ouvre la soirée.",
                    "nl": "Een duo voor cello en elektronica van een Luikse kunsthogeschool opent de avond.",
                    "en": "A cello and electronics duo from a Liège art school opens the evening.",
                },
            },
            {
                "time": "19:15",
                "title": {
                    "fr": "Écoutes partagées",
                    "nl": "Gedeelde luistermomenten",
                    "en": "Shared listening",
                },
                "description": {
                    "fr": "Cinq participants font entendre un extrait de leur travail et racontent ce qu'ils cherchent.",
                    "nl": "Vijf deelnemers laten een fragment van hun werk horen en vertellen wat ze zoeken.",
                    "en": "Five participants play an excerpt of their work and explain what they are looking for.",
                },
            },
            {
                "time": "20:00",
                "title": {
                    "fr": "Rencontres par affinités",
                    "nl": "Ontmoetingen op affiniteit",
                    "en": "Affinity meet-ups",
                },
                "description": {
                    "fr": "De petits groupes se forment autour de questions posées par les participants eux-mêmes.",
                    "nl": "Kleine groepjes vormen zich rond vragen van de deelnemers zelf.",
                    "en": "Small groups form around questions put forward by participants themselves.",
                },
            },
            {
                "time": "21:00",
                "title": {
                    "fr": "Verre de clôture",
                    "nl": "Afsluitend drankje",
                    "en": "Closing drinks",
                },
                "description": {
                    "fr": "Bières de la région et dernières cartes de visite échangées.",
                    "nl": "Streekbieren en de laatste uitgewisselde visitekaartjes.",
                    "en": "Local beers and a final round of business cards.",
                },
            },
        ],
        "body": [
            {
                "fr": "Cette édition d'automne, plus resserrée, s'installe dans d'anciens ateliers au bord de la Meuse. Elle accorde une place particulière aux métiers du son, du podcast à la création sonore pour la scène.",
                "nl": "Deze kleinere najaarseditie strijkt neer in voormalige werkplaatsen aan de Maas. Ze geeft extra aandacht aan geluidsberoepen, van podcasts tot sounddesign voor het podium.",
                "en": "This smaller autumn edition takes place in former workshops on the banks of the Meuse. It gives special attention to sound professions, from podcasting to sound design for the stage.",
            },
        ],
        "capacity": 100,
        "attendance_count": 88,
        "registration_url": "https://passerelles.example/inscription/automne-2024",
        "recap": [
            {
                "fr": "Les écoutes partagées ont créé une atmosphère attentive, propice aux échanges approfondis. Une autrice de théâtre et une productrice de podcasts y ont entamé une conversation qui s'est poursuivie bien au-delà de la soirée.",
                "nl": "De gedeelde luistermomenten zorgden voor een aandachtige sfeer die uitnodigde tot diepere gesprekken. Een theaterauteur en een podcastproducente begonnen er een gesprek dat lang na de avond doorliep.",
                "en": "The shared listening sessions created an attentive atmosphere that encouraged deeper exchanges. A playwright and a podcast producer started a conversation there that carried on long after the evening.",
            },
        ],
        "outcomes_summary": {
            "fr": "Un texte commandé pour un podcast et un remplacement au pied levé dans une production théâtrale.",
            "nl": "Een tekst op bestelling voor een podcast en een last-minute invalbeurt in een theaterproductie.",
            "en": "A text commissioned for a podcast and a last-minute replacement in a stage production.",
        },
    },
    {
        "key": "spring-2025",
        "slug": {"fr": "printemps-2025", "nl": "voorjaar-2025", "en": "spring-2025"},
        "title": {
            "fr": "Passerelles — printemps 2025",
            "nl": "Passerelles — voorjaar 2025",
            "en": "Passerelles — spring 2025",
        },
        "start": "2025-03-27T18:30",
        "end": "2025-03-27T22:30",
        "venue": "la-verrerie",
        "host": "wbimages",
        "participants": ALL_AGENCIES,
        "theme": {
            "fr": "L'image en mouvement, d'un secteur à l'autre",
            "nl": "Bewegend beeld, van de ene sector naar de andere",
            "en": "Moving images across sectors",
        },
        "introduction": {
            "fr": "WBImages accueille cette édition à Charleroi, dans une ancienne verrerie devenue lieu culturel, pour explorer ce que l'image doit aux autres disciplines.",
            "nl": "WBImages ontvangt deze editie in Charleroi, in een voormalige glasfabriek die een cultuurplek werd, om te verkennen wat het beeld te danken heeft aan andere disciplines.",
            "en": "WBImages hosts this edition in Charleroi, in a former glassworks turned cultural venue, to explore what images owe to other disciplines.",
        },
        "programme": [
            {
                "time": "18:30",
                "title": {"fr": "Accueil", "nl": "Onthaal", "en": "Welcome"},
                "description": {
                    "fr": "Projection en boucle de courts métrages d'étudiants dans le hall.",
                    "nl": "Doorlopende vertoning van kortfilms van studenten in de hal.",
                    "en": "Student short films screened on a loop in the foyer.",
                },
            },
            {
                "time": "19:00",
                "title": {
                    "fr": "Trois minutes pour une rencontre",
                    "nl": "Drie minuten voor een ontmoeting",
                    "en": "Three minutes to connect",
                },
                "description": {
                    "fr": "Chaque participant présente son projet en trois minutes à un voisin d'un autre secteur, puis on change.",
                    "nl": "Elke deelnemer stelt zijn project in drie minuten voor aan iemand uit een andere sector, daarna wordt er gewisseld.",
                    "en": "Each participant presents their project in three minutes to someone from another sector, then everyone swaps.",
                },
            },
            {
                "time": "19:45",
                "title": {
                    "fr": "Permanences des agences",
                    "nl": "Spreekuur van de agentschappen",
                    "en": "Agency drop-in desks",
                },
                "description": {
                    "fr": "Les six équipes répondent aux questions individuelles sur les marchés, les festivals et les aides.",
                    "nl": "De zes teams beantwoorden individuele vragen over markten, festivals en steunmaatregelen.",
                    "en": "All six teams answer individual questions about markets, festivals and funding.",
                },
            },
            {
                "time": "20:45",
                "title": {
                    "fr": "Buffet et DJ set",
                    "nl": "Buffet en dj-set",
                    "en": "Buffet and DJ set",
                },
                "description": {
                    "fr": "Une DJ carolorégienne accompagne la fin de soirée.",
                    "nl": "Een dj uit Charleroi sluit de avond af.",
                    "en": "A Charleroi DJ brings the evening to a close.",
                },
            },
        ],
        "body": [
            {
                "fr": "Cette édition fait une large place aux étudiants et aux jeunes diplômés des écoles supérieures des arts, invités par WBCampus à rencontrer les professionnels des six agences.",
                "nl": "Deze editie geeft ruim plaats aan studenten en pas afgestudeerden van de kunsthogescholen, die door WBCampus uitgenodigd worden om professionals van de zes agentschappen te ontmoeten.",
                "en": "This edition makes plenty of room for students and recent graduates from art schools, invited by WBCampus to meet professionals from all six agencies.",
            },
        ],
        "capacity": 150,
        "attendance_count": 131,
        "registration_url": "https://passerelles.example/inscription/printemps-2025",
        "recap": [
            {
                "fr": "Plus de cent trente personnes ont fait le déplacement à Charleroi, un record à l'époque. Le format des trois minutes a d'abord surpris, puis séduit : plusieurs étudiants y ont noué leur premier contact professionnel.",
                "nl": "Meer dan honderddertig mensen kwamen naar Charleroi, destijds een record. Het drieminutenformat verraste eerst en overtuigde daarna: verschillende studenten legden er hun eerste professionele contact.",
                "en": "More than a hundred and thirty people made the trip to Charleroi, a record at the time. The three-minute format surprised people at first, then won them over: several students made their first professional contact there.",
            },
        ],
        "outcomes_summary": {
            "fr": "Un stage dans une maison de mode bruxelloise et la reprise d'un rôle dans un spectacle en tournée.",
            "nl": "Een stage bij een Brussels modehuis en de overname van een rol in een voorstelling op tournee.",
            "en": "An internship at a Brussels fashion label and a performer taking over a role in a touring show.",
        },
    },
    {
        "key": "autumn-2025",
        "slug": {"fr": "automne-2025", "nl": "najaar-2025", "en": "autumn-2025"},
        "title": {
            "fr": "Passerelles — automne 2025",
            "nl": "Passerelles — najaar 2025",
            "en": "Passerelles — autumn 2025",
        },
        "start": "2025-09-25T18:30",
        "end": "2025-09-25T22:30",
        "venue": "manege-des-arts",
        "host": "wbarchitectures",
        "participants": ALL_AGENCIES,
        "theme": {
            "fr": "Habiter les lieux de création",
            "nl": "De plekken van creatie bewonen",
            "en": "Inhabiting creative spaces",
        },
        "introduction": {
            "fr": "À Mons, WBArchitectures propose de regarder les lieux où l'on crée, répète, expose et enseigne, et ceux qu'il reste à inventer.",
            "nl": "In Bergen nodigt WBArchitectures uit om te kijken naar de plekken waar we creëren, repeteren, tentoonstellen en lesgeven, en naar de plekken die nog uitgevonden moeten worden.",
            "en": "In Mons, WBArchitectures invites participants to look at the places where we create, rehearse, exhibit and teach, and at those still to be invented.",
        },
        "programme": [
            {
                "time": "18:30",
                "title": {"fr": "Visite du lieu", "nl": "Rondleiding", "en": "Tour of the venue"},
                "description": {
                    "fr": "Les architectes de la rénovation du Manège présentent les choix qui ont guidé le chantier.",
                    "nl": "De architecten van de renovatie van de Manège lichten de keuzes toe die het project stuurden.",
                    "en": "The architects behind the Manège's renovation explain the choices that shaped the project.",
                },
            },
            {
                "time": "19:15",
                "title": {
                    "fr": "Tables croisées",
                    "nl": "Gekruiste tafels",
                    "en": "Cross-sector tables",
                },
                "description": {
                    "fr": "Le format des débuts revient, avec une question par table sur les espaces de travail.",
                    "nl": "Het format van het begin keert terug, met per tafel één vraag over werkruimtes.",
                    "en": "The original format returns, with one question per table about workspaces.",
                },
            },
            {
                "time": "20:30",
                "title": {
                    "fr": "Apéritif sur la terrasse",
                    "nl": "Aperitief op het terras",
                    "en": "Drinks on the terrace",
                },
                "description": {
                    "fr": "Dernières lumières sur la ville et échanges informels jusqu'à la fermeture.",
                    "nl": "Het laatste licht over de stad en informele gesprekken tot sluitingstijd.",
                    "en": "The last of the light over the city and informal conversations until closing.",
                },
            },
        ],
        "body": [
            {
                "fr": "Après une édition de printemps très fréquentée, Passerelles revient à une jauge plus intime pour favoriser les longues conversations.",
                "nl": "Na een drukbezochte voorjaarseditie kiest Passerelles opnieuw voor een kleinere capaciteit, zodat er ruimte is voor lange gesprekken.",
                "en": "After a busy spring edition, Passerelles returns to a smaller capacity to make room for longer conversations.",
            },
        ],
        "capacity": 120,
        "attendance_count": 117,
        "registration_url": "https://passerelles.example/inscription/automne-2025",
        "recap": [
            {
                "fr": "La soirée affichait presque complet. Les tables consacrées aux espaces de travail ont débouché sur des échanges approfondis entre designers et enseignants.",
                "nl": "De avond was zo goed als volzet. De tafels over werkruimtes leidden tot diepgaande gesprekken tussen ontwerpers en docenten.",
                "en": "The evening was all but full. The tables on workspaces led to in-depth exchanges between designers and teaching staff.",
            },
            {
                "fr": "Une compagnie de théâtre pour le jeune public y a aussi trouvé les bons interlocuteurs pour préparer sa tournée au Québec.",
                "nl": "Een theatergezelschap voor jong publiek vond er ook de juiste gesprekspartners om zijn tournee in Québec voor te bereiden.",
                "en": "A theatre company for young audiences also found the right people there to help prepare its tour of Quebec.",
            },
        ],
        "outcomes_summary": {
            "fr": "Des discussions suivies sur la professionnalisation du design et un accompagnement pour une tournée internationale.",
            "nl": "Vervolggesprekken over de professionalisering van design en begeleiding voor een internationale tournee.",
            "en": "Follow-up discussions on professionalising design and support for an international tour.",
        },
    },
    {
        "key": "spring-2026",
        "slug": {"fr": "printemps-2026", "nl": "voorjaar-2026", "en": "spring-2026"},
        "title": {
            "fr": "Passerelles — printemps 2026",
            "nl": "Passerelles — voorjaar 2026",
            "en": "Passerelles — spring 2026",
        },
        "start": "2026-05-21T18:30",
        "end": "2026-05-21T22:30",
        "venue": "serres-du-confluent",
        "host": "wbcampus",
        "participants": ALL_AGENCIES,
        "theme": {
            "fr": "Apprendre ensemble, transmettre autrement",
            "nl": "Samen leren, anders doorgeven",
            "en": "Learning together, passing it on differently",
        },
        "introduction": {
            "fr": "WBCampus réunit à Namur créateurs confirmés, enseignants et étudiants autour d'une question simple : qu'avons-nous encore à apprendre les uns des autres ?",
            "nl": "WBCampus brengt in Namen ervaren makers, docenten en studenten samen rond een eenvoudige vraag: wat kunnen we nog van elkaar leren?",
            "en": "In Namur, WBCampus brings together established creators, teaching staff and students around a simple question: what do we still have to learn from one another?",
        },
        "programme": [
            {
                "time": "18:30",
                "title": {
                    "fr": "Accueil dans les serres",
                    "nl": "Onthaal in de serres",
                    "en": "Welcome in the glasshouses",
                },
                "description": {
                    "fr": "Boissons et premières rencontres au milieu des plantes.",
                    "nl": "Drankjes en eerste ontmoetingen tussen de planten.",
                    "en": "Drinks and first conversations among the plants.",
                },
            },
            {
                "time": "19:00",
                "title": {
                    "fr": "Binômes mentor-étudiant",
                    "nl": "Duo's van mentor en student",
                    "en": "Mentor-student pairs",
                },
                "description": {
                    "fr": "Des professionnels volontaires consacrent vingt minutes à un étudiant d'un autre secteur que le leur.",
                    "nl": "Vrijwillige professionals trekken twintig minuten uit voor een student uit een andere sector dan de hunne.",
                    "en": "Volunteer professionals spend twenty minutes with a student from a sector other than their own.",
                },
            },
            {
                "time": "20:00",
                "title": {
                    "fr": "Regards croisés",
                    "nl": "Kruisende blikken",
                    "en": "Crossed perspectives",
                },
                "description": {
                    "fr": "Une cinéaste, un compositeur et une styliste racontent comment une rencontre a changé leur projet.",
                    "nl": "Een filmmaakster, een componist en een modeontwerpster vertellen hoe één ontmoeting hun project veranderde.",
                    "en": "A filmmaker, a composer and a fashion designer describe how a single encounter changed their project.",
                },
            },
            {
                "time": "20:45",
                "title": {
                    "fr": "Rencontres libres",
                    "nl": "Vrije ontmoetingen",
                    "en": "Open networking",
                },
                "description": {
                    "fr": "Buffet végétarien et conversations jusqu'à la fermeture.",
                    "nl": "Vegetarisch buffet en gesprekken tot sluitingstijd.",
                    "en": "Vegetarian buffet and conversations until closing.",
                },
            },
        ],
        "body": [
            {
                "fr": "Cette édition teste un format de mentorat croisé : chaque professionnel volontaire rencontre un étudiant issu d'une autre discipline, pour un échange de regards plutôt qu'une leçon.",
                "nl": "Deze editie test een vorm van kruisende mentoring: elke vrijwillige professional ontmoet een student uit een andere discipline, voor een uitwisseling van inzichten eerder dan een les.",
                "en": "This edition tries out cross-mentoring: each volunteer professional meets a student from a different discipline, for an exchange of perspectives rather than a lesson.",
            },
            {
                "fr": "Les serres du Confluent, au pied de la citadelle, offrent un cadre lumineux jusqu'à la tombée de la nuit.",
                "nl": "De serres aan de samenvloeiing, aan de voet van de citadel, bieden een lichte omgeving tot het vallen van de avond.",
                "en": "The glasshouses at the confluence, below the citadel, offer a bright setting until nightfall.",
            },
        ],
        "capacity": 140,
        "attendance_count": 122,
        "registration_url": "https://passerelles.example/inscription/printemps-2026",
        "recap": [
            {
                "fr": "Les binômes mentor-étudiant ont été le moment fort de la soirée, au point que plusieurs se sont revus depuis.",
                "nl": "De duo's van mentor en student waren het hoogtepunt van de avond; verschillende duo's hebben elkaar sindsdien teruggezien.",
                "en": "The mentor-student pairs were the highlight of the evening, and several have met again since.",
            },
            {
                "fr": "Côté professionnel, une réalisatrice a noué des contacts décisifs pour la distribution de son premier long métrage, et une créatrice de mode a trouvé un groupe avec qui tourner un clip.",
                "nl": "Aan professionele kant legde een regisseuse beslissende contacten voor de distributie van haar eerste langspeelfilm, en een modeontwerpster vond een band om een videoclip mee te draaien.",
                "en": "On the professional side, a director made decisive contacts for the distribution of her first feature film, and a fashion designer found a band to make a music video with.",
            },
        ],
        "outcomes_summary": {
            "fr": "Des contacts pour la distribution d'un long métrage et un clip imaginé par une créatrice de mode et un groupe.",
            "nl": "Contacten voor de distributie van een langspeelfilm en een videoclip bedacht door een modeontwerpster en een band.",
            "en": "Contacts for distributing a feature film and a music video dreamt up by a fashion designer and a band.",
        },
    },
    {
        "key": "autumn-2026",
        "slug": {"fr": "automne-2026", "nl": "najaar-2026", "en": "autumn-2026"},
        "title": {
            "fr": "Passerelles — automne 2026",
            "nl": "Passerelles — najaar 2026",
            "en": "Passerelles — autumn 2026",
        },
        "start": "2026-10-15T18:30",
        "end": "2026-10-15T23:00",
        "venue": "halle-du-canal",
        "host": "wbdm",
        "participants": ALL_AGENCIES,
        "theme": {
            "fr": "Faire circuler les savoir-faire",
            "nl": "Vakmanschap laten circuleren",
            "en": "Sharing know-how",
        },
        "introduction": {
            "fr": "Pour sa deuxième soirée à la Halle du Canal, Passerelles est accueillie par Wallonia-Brussels Design Mode, qui met à l'honneur les savoir-faire partagés entre disciplines.",
            "nl": "Voor de tweede avond in de Halle du Canal is Wallonia-Brussels Design Mode gastheer; in de kijker staat het vakmanschap dat disciplines met elkaar delen.",
            "en": "For its second evening at the Halle du Canal, Passerelles is hosted by Wallonia-Brussels Design Mode, which puts the spotlight on know-how shared across disciplines.",
        },
        "programme": [
            {
                "time": "18:30",
                "title": {"fr": "Accueil", "nl": "Onthaal", "en": "Welcome"},
                "description": {
                    "fr": "Un vestiaire conçu par de jeunes designers accueille les manteaux et les premières conversations.",
                    "nl": "Een vestiaire ontworpen door jonge ontwerpers ontvangt de jassen en de eerste gesprekken.",
                    "en": "A cloakroom designed by young designers welcomes coats and first conversations alike.",
                },
            },
            {
                "time": "19:00",
                "title": {
                    "fr": "Démonstrations d'atelier",
                    "nl": "Atelierdemonstraties",
                    "en": "Workshop demonstrations",
                },
                "description": {
                    "fr": "Couture, ébénisterie, lutherie et construction de décors : quatre artisans montrent leur geste.",
                    "nl": "Kleermakerij, meubelmakerij, instrumentenbouw en decorbouw: vier vakmensen tonen hun handwerk.",
                    "en": "Tailoring, cabinetmaking, instrument making and set building: four craftspeople show their skills.",
                },
            },
            {
                "time": "19:45",
                "title": {
                    "fr": "Tables croisées",
                    "nl": "Gekruiste tafels",
                    "en": "Cross-sector tables",
                },
                "description": {
                    "fr": "Trois tours de conversation, chacun ouvert par une question sur la transmission des savoir-faire.",
                    "nl": "Drie gespreksrondes, telkens geopend met een vraag over het doorgeven van vakmanschap.",
                    "en": "Three rounds of conversation, each opened by a question about passing on skills.",
                },
            },
            {
                "time": "21:00",
                "title": {"fr": "Soirée dansante", "nl": "Dansavond", "en": "Dancing"},
                "description": {
                    "fr": "Un DJ set pour clore l'année Passerelles.",
                    "nl": "Een dj-set om het Passerelles-jaar af te sluiten.",
                    "en": "A DJ set to close the Passerelles year.",
                },
            },
        ],
        "body": [
            {
                "fr": "Cette édition d'automne ouvre davantage la soirée aux métiers de l'artisanat, souvent invisibles derrière les œuvres : couturiers, ébénistes, luthiers, constructeurs de décors.",
                "nl": "Deze najaarseditie opent de avond meer voor ambachtelijke beroepen, die vaak onzichtbaar blijven achter de werken: kleermakers, meubelmakers, instrumentenbouwers en decorbouwers.",
                "en": "This autumn edition opens the evening further to craft professions, often invisible behind the finished work: tailors, cabinetmakers, instrument makers and set builders.",
            },
        ],
        "capacity": 160,
        "attendance_count": 149,
        "registration_url": "https://passerelles.example/inscription/automne-2026",
        "recap": [
            {
                "fr": "Avec près de cent cinquante participants, la Halle du Canal vibrait d'une belle énergie. Une jeune architecte y a trouvé des conseils et de nouvelles perspectives.",
                "nl": "Met bijna honderdvijftig deelnemers hing er een mooie energie in de Halle du Canal. Een jonge architecte kreeg er advies en nieuwe perspectieven.",
                "en": "With nearly a hundred and fifty participants, the Halle du Canal was buzzing. A young architect came away with advice and new perspectives.",
            },
            {
                "fr": "Quelques semaines plus tard, une chorégraphe a vu plusieurs personnes rencontrées ce soir-là venir assister à la première de son spectacle.",
                "nl": "Enkele weken later zag een choreografe verschillende mensen die ze die avond had ontmoet naar de première van haar voorstelling komen.",
                "en": "A few weeks later, a choreographer saw several people she had met that night come to the premiere of her show.",
            },
        ],
        "outcomes_summary": {
            "fr": "Des conseils pour une jeune architecte et des professionnels venus découvrir le spectacle d'une chorégraphe.",
            "nl": "Advies voor een jonge architecte en professionals die de voorstelling van een choreografe kwamen bekijken.",
            "en": "Advice for a young architect and professionals who came to see a choreographer's show.",
        },
    },
]

# -- Next edition: the loader computes its date, then fills in the season and year --

UPCOMING_EDITION: Record = {
    "key": "upcoming",
    "slug": {
        "fr": "{season}-{year}",
        "nl": "{season}-{year}",
        "en": "{season}-{year}",
    },
    "title": {
        "fr": "Passerelles — {season} {year}",
        "nl": "Passerelles — {season} {year}",
        "en": "Passerelles — {season} {year}",
    },
    "season_names": {
        "spring": {"fr": "printemps", "nl": "voorjaar", "en": "spring"},
        "autumn": {"fr": "automne", "nl": "najaar", "en": "autumn"},
    },
    "time": "18:30",
    "end_time": "22:30",
    "venue": "ateliers-de-la-meuse",
    "host": "wbtheatredanse",
    "participants": ALL_AGENCIES,
    "theme": {
        "fr": "Partir, revenir, partager",
        "nl": "Vertrekken, terugkomen, delen",
        "en": "Leaving, returning, sharing",
    },
    "introduction": {
        "fr": "La prochaine soirée Passerelles revient à Liège, accueillie par WBThéâtreDanse, autour des expériences de travail à l'étranger et de ce qu'elles changent au retour.",
        "nl": "De volgende Passerelles-avond keert terug naar Luik, met WBThéâtreDanse als gastheer, en staat in het teken van werkervaringen in het buitenland en wat ze veranderen bij de terugkeer.",
        "en": "The next Passerelles evening returns to Liège, hosted by WBThéâtreDanse, and looks at experiences of working abroad and what they change once you are back.",
    },
    "programme": [
        {
            "time": "18:30",
            "title": {"fr": "Accueil", "nl": "Onthaal", "en": "Welcome"},
            "description": {
                "fr": "Inscription sur place, badges par secteur et premiers échanges.",
                "nl": "Registratie ter plaatse, badges per sector en eerste gesprekken.",
                "en": "On-site check-in, sector badges and first conversations.",
            },
        },
        {
            "time": "19:00",
            "title": {
                "fr": "Récits de retour",
                "nl": "Verhalen van terugkeer",
                "en": "Stories of return",
            },
            "description": {
                "fr": "Quatre participants des éditions précédentes racontent en cinq minutes une expérience vécue à l'étranger.",
                "nl": "Vier deelnemers van vorige edities vertellen in vijf minuten over een ervaring in het buitenland.",
                "en": "Four participants from previous editions each take five minutes to describe an experience abroad.",
            },
        },
        {
            "time": "19:30",
            "title": {
                "fr": "Tables croisées",
                "nl": "Gekruiste tafels",
                "en": "Cross-sector tables",
            },
            "description": {
                "fr": "Trois tours de conversation, avec une table par destination : Montréal, Dakar, Berlin, Séoul et Lyon.",
                "nl": "Drie gespreksrondes, met één tafel per bestemming: Montréal, Dakar, Berlijn, Seoul en Lyon.",
                "en": "Three rounds of conversation, with one table per destination: Montreal, Dakar, Berlin, Seoul and Lyon.",
            },
        },
        {
            "time": "20:45",
            "title": {
                "fr": "Buffet et rencontres libres",
                "nl": "Buffet en vrije ontmoetingen",
                "en": "Buffet and open networking",
            },
            "description": {
                "fr": "Les équipes des six agences restent disponibles jusqu'à la fin de la soirée.",
                "nl": "De teams van de zes agentschappen blijven beschikbaar tot het einde van de avond.",
                "en": "Staff from all six agencies are available until the end of the evening.",
            },
        },
    ],
    "body": [
        {
            "fr": "L'entrée est gratuite, mais l'inscription est obligatoire car le nombre de places est limité. La soirée se déroule principalement en français ; les équipes des agences parlent aussi néerlandais et anglais.",
            "nl": "De toegang is gratis, maar inschrijven is verplicht omdat het aantal plaatsen beperkt is. De avond verloopt grotendeels in het Frans; de teams van de agentschappen spreken ook Nederlands en Engels.",
            "en": "Entry is free, but registration is required as places are limited. The evening is mainly in French; agency staff also speak Dutch and English.",
        },
        {
            "fr": "Vous n'avez jamais participé ? C'est le bon moment : chaque édition réserve une table d'accueil aux nouveaux venus.",
            "nl": "Nog nooit deelgenomen? Dan is dit het moment: op elke editie staat een onthaaltafel klaar voor nieuwkomers.",
            "en": "Never been before? Now is the time: every edition has a welcome table for newcomers.",
        },
    ],
    "capacity": 150,
    "registration_url": "https://passerelles.example/inscription/prochaine-edition",
}

# -- Stories -------------------------------------------------------------------

STORIES: list[Record] = [
    {
        "key": "designer-architect",
        "slug": {
            "fr": "une-designer-et-une-architecte-a-quatre-mains",
            "nl": "een-ontwerpster-en-een-architecte-tekenen-samen",
            "en": "a-designer-and-an-architect-draw-together",
        },
        "title": {
            "fr": "Une designer et une architecte dessinent à quatre mains",
            "nl": "Een ontwerpster en een architecte tekenen samen",
            "en": "A designer and an architect draw together",
        },
        "summary": {
            "fr": "Assises à la même table croisée au printemps 2024, une designer d'objets liégeoise et une architecte bruxelloise ont découvert qu'elles travaillaient toutes deux sur le réemploi des matériaux. Elles développent depuis une ligne de mobilier pour un équipement public.",
            "nl": "Aan dezelfde gekruiste tafel ontdekten een Luikse productontwerpster en een Brusselse architecte in het voorjaar van 2024 dat ze allebei rond hergebruik van materialen werkten. Sindsdien ontwikkelen ze samen een meubellijn voor een openbaar gebouw.",
            "en": "Seated at the same cross-sector table in spring 2024, a product designer from Liège and an architect from Brussels found they were both working on reusing materials. They have since been developing a furniture line for a public building.",
        },
        "body": [
            {
                "fr": "Tout est parti d'une question posée à la table : que fait-on des matériaux d'un bâtiment qu'on démonte ? L'architecte rénovait une bibliothèque communale ; la designer cherchait un vrai chantier pour tester ses assemblages en bois de récupération.",
                "nl": "Alles begon met een vraag aan tafel: wat doe je met de materialen van een gebouw dat wordt ontmanteld? De architecte renoveerde een gemeentelijke bibliotheek; de ontwerpster zocht een echte werf om haar verbindingen in gerecupereerd hout te testen.",
                "en": "It all started with a question at the table: what do you do with the materials from a building that is being taken apart? The architect was renovating a municipal library; the designer was looking for a real site to test her joints in reclaimed timber.",
            },
            {
                "fr": "Quelques semaines plus tard, elles visitaient ensemble le chantier. Les anciennes étagères et les poutres déposées servent désormais de base à des tables de lecture et à des assises conçues sur mesure.",
                "nl": "Enkele weken later bezochten ze samen de werf. De oude rekken en de weggenomen balken vormen nu de basis voor leestafels en zitmeubels op maat.",
                "en": "A few weeks later, they visited the site together. The old shelving and the beams that came down now form the basis of made-to-measure reading tables and seating.",
            },
            {
                "fr": "Le projet avance au rythme du chantier. WBArchitectures et WBDM suivent la démarche de près, avec l'idée de la présenter un jour dans un salon à l'étranger.",
                "nl": "Het project vordert op het ritme van de werf. WBArchitectures en WBDM volgen het van dichtbij, met het idee om het ooit op een buitenlandse beurs voor te stellen.",
                "en": "The project moves at the pace of the building work. WBArchitectures and WBDM are following it closely, with a view to presenting it at a fair abroad one day.",
            },
        ],
        "edition": "spring-2024",
        "sectors": ["design", "architecture"],
        "kind": "co_creation",
        "stage": "ongoing",
        "agencies": ["wbdm", "wbarchitectures"],
        "quote": {
            "fr": "On ne se serait jamais rencontrées ailleurs, et pourtant on se posait exactement la même question.",
            "nl": "Elders hadden we elkaar nooit ontmoet, en toch stelden we ons precies dezelfde vraag.",
            "en": "We would never have met anywhere else, and yet we were asking ourselves exactly the same question.",
        },
        "quote_attribution": {
            "fr": "Designer d'objets, Liège",
            "nl": "Productontwerpster, Luik",
            "en": "Product designer, Liège",
        },
        "image_alt": {
            "fr": "Illustration abstraite : une grille de carrés sur fond vert canard et des volumes en escalier sur fond vert olive, sous une arche blanche, pour la rencontre d'une designer et d'une architecte.",
            "nl": "Abstracte illustratie: een raster van vierkanten op petrolgroen en getrapte bouwvolumes op olijfgroen, onder een witte boog, bij de ontmoeting van een ontwerpster en een architecte.",
            "en": "Abstract illustration: a grid of squares on teal and stepped buildings on olive green, under a white arch, for the meeting of a designer and an architect.",
        },
    },
    {
        "key": "podcast-commission",
        "slug": {
            "fr": "un-texte-de-theatre-ecrit-pour-l-oreille",
            "nl": "een-theatertekst-geschreven-voor-het-oor",
            "en": "a-play-written-for-the-ear",
        },
        "title": {
            "fr": "Un texte de théâtre écrit pour l'oreille",
            "nl": "Een theatertekst geschreven voor het oor",
            "en": "A play written for the ear",
        },
        "summary": {
            "fr": "À Liège, une autrice de théâtre et une productrice de podcasts se sont rencontrées pendant les écoutes partagées. La productrice lui a commandé un texte original, en cours d'enregistrement pour une série de fictions sonores.",
            "nl": "In Luik ontmoetten een theaterauteur en een podcastproducente elkaar tijdens de gedeelde luistermomenten. De producente gaf haar de opdracht voor een originele tekst, die nu wordt opgenomen voor een reeks audiofictie.",
            "en": "In Liège, a playwright and a podcast producer met during the shared listening sessions. The producer commissioned an original text, now being recorded for an audio drama series.",
        },
        "body": [
            {
                "fr": "L'autrice n'avait jamais écrit pour le son seul. La productrice, elle, cherchait des voix venues de la scène pour une série de fictions courtes destinée à des plateformes francophones en Belgique, en Suisse et au Canada.",
                "nl": "De auteur had nog nooit alleen voor geluid geschreven. De producente zocht stemmen uit het theater voor een reeks korte ficties, bedoeld voor Franstalige platforms in België, Zwitserland en Canada.",
                "en": "The playwright had never written purely for sound. The producer was looking for voices from the stage for a series of short fictions aimed at French-language platforms in Belgium, Switzerland and Canada.",
            },
            {
                "fr": "La commande a été confirmée au début de l'hiver : un épisode de vingt-cinq minutes, écrit pour deux comédiennes et l'ambiance sonore d'une ville portuaire.",
                "nl": "De opdracht werd bij het begin van de winter bevestigd: een aflevering van vijfentwintig minuten, geschreven voor twee actrices en de geluidssfeer van een havenstad.",
                "en": "The commission was confirmed at the start of winter: a twenty-five-minute episode written for two actors and the soundscape of a port city.",
            },
            {
                "fr": "L'enregistrement est en cours dans un studio bruxellois. L'autrice dit avoir appris à écrire les silences autrement.",
                "nl": "De opnames lopen in een Brusselse studio. De auteur zegt dat ze stiltes anders heeft leren schrijven.",
                "en": "Recording is under way in a Brussels studio. The playwright says she has learnt to write silences differently.",
            },
        ],
        "edition": "autumn-2024",
        "sectors": ["theatre-dance", "film-audiovisual"],
        "kind": "commission",
        "stage": "ongoing",
        "agencies": ["wbtheatredanse", "wbimages"],
        "quote": {
            "fr": "Écrire pour l'oreille m'a obligée à faire confiance à l'imagination de celui qui écoute.",
            "nl": "Schrijven voor het oor dwong me te vertrouwen op de verbeelding van de luisteraar.",
            "en": "Writing for the ear forced me to trust the listener's imagination.",
        },
        "quote_attribution": {
            "fr": "Autrice de théâtre, Bruxelles",
            "nl": "Theaterauteur, Brussel",
            "en": "Playwright, Brussels",
        },
        "image_alt": {
            "fr": "Illustration abstraite : une danseuse dans la lumière d'un projecteur sur fond rouge brique et une pellicule de film sur fond bleu, sous une arche blanche, pour un texte de théâtre écrit pour un podcast.",
            "nl": "Abstracte illustratie: een danseres in het licht van een spot op baksteenrood en een filmstrook op blauw, onder een witte boog, bij een theatertekst voor een podcast.",
            "en": "Abstract illustration: a dancer in a spotlight on brick red and a film strip on blue, under a white arch, for a play written for a podcast.",
        },
    },
    {
        "key": "fashion-internship",
        "slug": {
            "fr": "de-l-atelier-de-l-ecole-a-la-maison-de-mode",
            "nl": "van-het-schoolatelier-naar-het-modehuis",
            "en": "from-the-school-studio-to-the-fashion-house",
        },
        "title": {
            "fr": "De l'atelier de l'école à la maison de mode",
            "nl": "Van het schoolatelier naar het modehuis",
            "en": "From the school studio to the fashion house",
        },
        "summary": {
            "fr": "Étudiante en dernière année de stylisme, Inès a présenté son travail en trois minutes à une créatrice de mode bruxelloise. Quelques semaines plus tard, elle commençait un stage de quatre mois dans son atelier.",
            "nl": "Inès, laatstejaarsstudente modeontwerp, stelde haar werk in drie minuten voor aan een Brusselse modeontwerpster. Enkele weken later begon ze aan een stage van vier maanden in haar atelier.",
            "en": "Inès, a final-year fashion design student, presented her work in three minutes to a Brussels fashion designer. A few weeks later, she began a four-month internship in her studio.",
        },
        "body": [
            {
                "fr": "Inès était venue à Charleroi avec un carnet de croquis et peu d'espoir. Sa voisine de table, qui dirige une petite marque de prêt-à-porter, a retenu son travail sur les tissus recyclés et lui a laissé sa carte.",
                "nl": "Inès was naar Charleroi gekomen met een schetsboek en weinig verwachtingen. Haar tafelgenote, die een klein confectiemerk leidt, onthield haar werk met gerecycleerde stoffen en gaf haar een kaartje.",
                "en": "Inès had come to Charleroi with a sketchbook and few expectations. The woman next to her, who runs a small ready-to-wear label, took note of her work with recycled fabrics and gave her a card.",
            },
            {
                "fr": "Le stage, encadré par son école avec l'appui de WBCampus, s'est déroulé pendant la préparation d'une collection présentée à Paris. Inès a participé au développement des matières, puis à l'organisation du showroom.",
                "nl": "De stage, begeleid door haar school met steun van WBCampus, viel samen met de voorbereiding van een collectie die in Parijs werd voorgesteld. Inès werkte mee aan de materiaalontwikkeling en daarna aan de organisatie van de showroom.",
                "en": "The internship, supervised by her school with support from WBCampus, took place while a collection was being prepared for Paris. Inès worked on developing the fabrics, then on organising the showroom.",
            },
            {
                "fr": "Diplômée depuis, elle continue de collaborer ponctuellement avec la marque, en indépendante.",
                "nl": "Intussen is ze afgestudeerd en werkt ze als freelancer af en toe nog samen met het merk.",
                "en": "Now graduated, she still works with the label from time to time on a freelance basis.",
            },
        ],
        "edition": "spring-2025",
        "sectors": ["fashion", "higher-education"],
        "kind": "internship",
        "stage": "realised",
        "agencies": ["wbcampus", "wbdm"],
        "quote": {
            "fr": "Trois minutes ont suffi pour qu'on me prenne au sérieux.",
            "nl": "Drie minuten waren genoeg om ernstig genomen te worden.",
            "en": "Three minutes were all it took for someone to take me seriously.",
        },
        "quote_attribution": {
            "fr": "Jeune styliste, Tournai",
            "nl": "Jonge modeontwerpster, Doornik",
            "en": "Young fashion designer, Tournai",
        },
        "image_alt": {
            "fr": "Illustration abstraite : des plis de tissu sur fond framboise et un réseau de points reliés sur fond ocre, sous une arche blanche, pour le stage d'une étudiante en stylisme.",
            "nl": "Abstracte illustratie: stofplooien op frambozenrood en een netwerk van verbonden punten op oker, onder een witte boog, bij de stage van een studente modeontwerp.",
            "en": "Abstract illustration: folds of fabric on raspberry and a network of linked dots on ochre, under a white arch, for a fashion student's internship.",
        },
    },
    {
        "key": "stage-replacement",
        "slug": {
            "fr": "un-remplacement-au-pied-leve",
            "nl": "op-het-laatste-moment-ingevallen",
            "en": "stepping-in-at-short-notice",
        },
        "title": {
            "fr": "Un remplacement au pied levé",
            "nl": "Op het laatste moment ingevallen",
            "en": "Stepping in at short notice",
        },
        "summary": {
            "fr": "Deux jours avant une série de représentations, une compagnie namuroise a perdu l'un de ses comédiens, blessé en répétition. Le metteur en scène s'est souvenu d'un acteur rencontré quelques semaines plus tôt à Passerelles.",
            "nl": "Twee dagen voor een reeks voorstellingen viel een acteur van een gezelschap uit Namen uit door een blessure tijdens de repetities. De regisseur herinnerde zich een acteur die hij enkele weken eerder op Passerelles had ontmoet.",
            "en": "Two days before a run of performances, a Namur company lost one of its actors to an injury in rehearsal. The director remembered an actor he had met a few weeks earlier at Passerelles.",
        },
        "body": [
            {
                "fr": "À Liège, les deux hommes avaient surtout parlé de leurs parcours et d'un auteur qu'ils aimaient tous les deux. Rien ne laissait prévoir qu'ils travailleraient ensemble si vite.",
                "nl": "In Luik hadden de twee mannen vooral gepraat over hun loopbaan en over een auteur die ze allebei bewonderden. Niets wees erop dat ze zo snel zouden samenwerken.",
                "en": "In Liège, the two men had mostly talked about their careers and a writer they both admired. Nothing suggested they would be working together so soon.",
            },
            {
                "fr": "Un appel, une nuit de travail sur le texte, deux répétitions : le comédien a tenu le rôle pendant les six dates prévues, dont deux en tournée en France. La compagnie a pu honorer tous ses engagements.",
                "nl": "Eén telefoontje, een nacht werken aan de tekst, twee repetities: de acteur speelde de rol tijdens de zes geplande voorstellingen, waarvan twee op tournee in Frankrijk. Het gezelschap kon al zijn verplichtingen nakomen.",
                "en": "One phone call, a night on the script and two rehearsals later, the actor played the part for all six scheduled dates, two of them on tour in France. The company was able to honour all its commitments.",
            },
        ],
        "edition": "autumn-2024",
        "sectors": ["theatre-dance"],
        "kind": "replacement",
        "stage": "realised",
        "agencies": ["wbtheatredanse"],
        "quote": {
            "fr": "Sans cette conversation à Liège, nous aurions dû annuler.",
            "nl": "Zonder dat gesprek in Luik hadden we moeten annuleren.",
            "en": "Without that conversation in Liège, we would have had to cancel.",
        },
        "quote_attribution": {
            "fr": "Metteur en scène, Namur",
            "nl": "Regisseur, Namen",
            "en": "Stage director, Namur",
        },
        "image_alt": {
            "fr": "Illustration abstraite : une danseuse dans la lumière d'un projecteur sur fond rouge brique, sous une arche blanche, pour un remplacement au pied levé sur scène.",
            "nl": "Abstracte illustratie: een danseres in het licht van een spot op baksteenrood, onder een witte boog, bij een last-minute invalbeurt op het podium.",
            "en": "Abstract illustration: a dancer in a spotlight on brick red, under a white arch, for a last-minute stand-in on stage.",
        },
    },
    {
        "key": "role-reprise",
        "slug": {
            "fr": "reprendre-un-role-trouver-sa-voix",
            "nl": "een-rol-overnemen-een-eigen-stem-vinden",
            "en": "taking-over-a-role-finding-a-voice",
        },
        "title": {
            "fr": "Reprendre un rôle, trouver sa voix",
            "nl": "Een rol overnemen, een eigen stem vinden",
            "en": "Taking over a role, finding a voice",
        },
        "summary": {
            "fr": "Une compagnie de théâtre musical cherchait une interprète capable de chanter et de danser pour reprendre un rôle en tournée. Une chanteuse de jazz montoise, rencontrée à Charleroi, a passé l'audition avec succès.",
            "nl": "Een muziektheatergezelschap zocht een vertolkster die kon zingen en dansen om een rol over te nemen tijdens een tournee. Een jazzzangeres uit Bergen, die ze in Charleroi hadden ontmoet, slaagde voor de auditie.",
            "en": "A music-theatre company was looking for a performer who could sing and dance to take over a role on tour. A jazz singer from Mons whom they had met in Charleroi passed the audition.",
        },
        "body": [
            {
                "fr": "La comédienne qui avait créé le rôle partait vers un autre projet, et la tournée reprenait au printemps en Belgique et en Suisse. La chorégraphe de la compagnie en a parlé, presque par hasard, pendant les présentations de trois minutes.",
                "nl": "De actrice die de rol had gecreëerd, vertrok naar een ander project, en in het voorjaar ging de tournee in België en Zwitserland verder. De choreografe van het gezelschap vertelde er bijna toevallig over tijdens de presentaties van drie minuten.",
                "en": "The actor who had created the role was leaving for another project, and the tour was resuming in spring in Belgium and Switzerland. The company's choreographer mentioned it, almost by chance, during the three-minute introductions.",
            },
            {
                "fr": "La chanteuse n'avait jamais joué au théâtre. Après une audition et trois semaines de travail avec l'équipe, elle a rejoint la distribution et apporte au personnage une couleur vocale nouvelle.",
                "nl": "De zangeres had nog nooit toneel gespeeld. Na een auditie en drie weken werken met het team trad ze toe tot de cast, en ze geeft het personage een nieuwe vocale kleur.",
                "en": "The singer had never acted on stage. After an audition and three weeks of work with the team, she joined the cast and has given the character a new vocal colour.",
            },
            {
                "fr": "La tournée se poursuit, et la compagnie envisage d'adapter certaines chansons à sa tessiture pour la saison prochaine.",
                "nl": "De tournee loopt verder, en het gezelschap overweegt om enkele liedjes voor het volgende seizoen aan haar stembereik aan te passen.",
                "en": "The tour continues, and the company is considering adapting some of the songs to her vocal range for next season.",
            },
        ],
        "edition": "spring-2025",
        "sectors": ["theatre-dance", "music"],
        "kind": "casting",
        "stage": "ongoing",
        "agencies": ["wbtheatredanse", "wbmusiques"],
        "quote": {
            "fr": "Je suis venue parler de mon album et je suis repartie avec un rôle.",
            "nl": "Ik kwam praten over mijn album en vertrok met een rol.",
            "en": "I came to talk about my album and left with a role.",
        },
        "quote_attribution": {
            "fr": "Chanteuse et comédienne, Mons",
            "nl": "Zangeres en actrice, Bergen",
            "en": "Singer and actor, Mons",
        },
        "image_alt": {
            "fr": "Illustration abstraite : une danseuse dans la lumière d'un projecteur sur fond rouge brique et des ondes sonores sur fond violet, sous une arche blanche, pour une chanteuse qui reprend un rôle au théâtre.",
            "nl": "Abstracte illustratie: een danseres in het licht van een spot op baksteenrood en geluidsgolven op paars, onder een witte boog, bij een zangeres die een theaterrol overneemt.",
            "en": "Abstract illustration: a dancer in a spotlight on brick red and sound waves on violet, under a white arch, for a singer taking over a stage role.",
        },
    },
    {
        "key": "design-professionalisation",
        "slug": {
            "fr": "parler-franchement-de-la-professionnalisation-du-design",
            "nl": "openhartig-praten-over-de-professionalisering-van-design",
            "en": "talking-frankly-about-professionalising-design",
        },
        "title": {
            "fr": "Parler franchement de la professionnalisation du design",
            "nl": "Openhartig praten over de professionalisering van design",
            "en": "Talking frankly about professionalising design",
        },
        "summary": {
            "fr": "À Mons, une table sur les espaces de travail a réuni jeunes designers et enseignants autour d'une question restée sans réponse : comment vivre de son métier ? La discussion se prolonge depuis en petit groupe, avec l'appui de WBDM et de WBCampus.",
            "nl": "In Bergen bracht een tafel over werkruimtes jonge ontwerpers en docenten samen rond een onbeantwoorde vraag: hoe leef je van je vak? Het gesprek loopt sindsdien verder in een kleine groep, met steun van WBDM en WBCampus.",
            "en": "In Mons, a table on workspaces brought young designers and teaching staff together around an unanswered question: how do you make a living from your work? The discussion has continued since in a small group, with support from WBDM and WBCampus.",
        },
        "body": [
            {
                "fr": "Tarifs, droits d'auteur, relations avec les éditeurs, production en petite série : les jeunes designers présents ont reconnu que ces sujets étaient peu abordés pendant leurs études. Les enseignants autour de la table ont pris note.",
                "nl": "Tarieven, auteursrechten, relaties met producenten, productie in kleine reeksen: de aanwezige jonge ontwerpers gaven toe dat die onderwerpen tijdens hun studie weinig aan bod kwamen. De docenten aan tafel noteerden het.",
                "en": "Rates, copyright, relationships with manufacturers, small-batch production: the young designers there admitted these subjects had barely been covered during their studies. The teaching staff around the table took note.",
            },
            {
                "fr": "Le groupe se retrouve désormais tous les deux mois, en ligne ou dans une école. Une designer expérimentée partage ses contrats types, et un enseignant teste certains contenus dans son cours de pratique professionnelle.",
                "nl": "De groep komt nu om de twee maanden samen, online of in een school. Een ervaren ontwerpster deelt haar modelcontracten, en een docent test bepaalde inhoud in zijn vak beroepspraktijk.",
                "en": "The group now meets every two months, online or at a school. An experienced designer shares her template contracts, and a lecturer is trying out some of the material in his professional practice course.",
            },
            {
                "fr": "Rien n'est encore figé, mais l'idée d'un guide partagé fait son chemin.",
                "nl": "Er ligt nog niets vast, maar het idee van een gedeelde gids wint terrein.",
                "en": "Nothing is set in stone yet, but the idea of a shared guide is gaining ground.",
            },
        ],
        "edition": "autumn-2025",
        "sectors": ["design", "higher-education"],
        "kind": "advice",
        "stage": "ongoing",
        "agencies": ["wbdm", "wbcampus"],
        "quote": {
            "fr": "On parle enfin d'argent sans gêne, et ça change tout.",
            "nl": "We praten eindelijk zonder schroom over geld, en dat verandert alles.",
            "en": "We finally talk about money without embarrassment, and that changes everything.",
        },
        "quote_attribution": {
            "fr": "Designer de mobilier, Bruxelles",
            "nl": "Meubelontwerper, Brussel",
            "en": "Furniture designer, Brussels",
        },
        "image_alt": {
            "fr": "Illustration abstraite : une grille de carrés sur fond vert canard et un réseau de points reliés sur fond ocre, sous une arche blanche, pour des échanges sur la professionnalisation du design.",
            "nl": "Abstracte illustratie: een raster van vierkanten op petrolgroen en een netwerk van verbonden punten op oker, onder een witte boog, bij gesprekken over de professionalisering van design.",
            "en": "Abstract illustration: a grid of squares on teal and a network of linked dots on ochre, under a white arch, for discussions on professionalising design.",
        },
    },
    {
        "key": "feature-distribution",
        "slug": {
            "fr": "un-premier-long-metrage-trouve-ses-relais",
            "nl": "een-eerste-langspeelfilm-vindt-zijn-weg",
            "en": "a-first-feature-finds-its-way",
        },
        "title": {
            "fr": "Un premier long métrage trouve ses relais",
            "nl": "Een eerste langspeelfilm vindt zijn weg",
            "en": "A first feature finds its way",
        },
        "summary": {
            "fr": "Une réalisatrice carolorégienne terminait la postproduction de son premier long métrage sans distributeur à l'étranger. À Namur, deux conversations lui ont ouvert des portes vers un vendeur international et un festival au Canada.",
            "nl": "Een regisseuse uit Charleroi rondde de postproductie van haar eerste langspeelfilm af, zonder buitenlandse distributeur. In Namen openden twee gesprekken deuren naar een internationale verkoper en een festival in Canada.",
            "en": "A director from Charleroi was finishing post-production on her first feature with no distributor abroad. In Namur, two conversations opened doors to an international sales agent and a festival in Canada.",
        },
        "body": [
            {
                "fr": "Elle était venue comme mentor, pour accompagner des étudiants. C'est pourtant elle qui est repartie avec le plus de contacts : un compositeur avait travaillé avec un vendeur international installé à Paris, et une chargée de projet de WBImages connaissait la programmatrice d'un festival à Montréal.",
                "nl": "Ze was gekomen als mentor, om studenten te begeleiden. Toch vertrok zij met de meeste contacten: een componist had gewerkt met een internationale verkoper uit Parijs, en een projectmedewerkster van WBImages kende de programmatrice van een festival in Montréal.",
                "en": "She had come as a mentor, to support students. Yet she was the one who left with the most contacts: a composer had worked with an international sales agent based in Paris, and a WBImages project officer knew the programmer of a festival in Montreal.",
            },
            {
                "fr": "Le film a depuis été montré au vendeur, qui a demandé à voir la version définitive. Rien n'est signé, mais la réalisatrice prépare désormais la sortie avec une stratégie claire.",
                "nl": "De film werd intussen aan de verkoper getoond, die de definitieve versie wil zien. Er is nog niets getekend, maar de regisseuse bereidt de release nu voor met een duidelijke strategie.",
                "en": "The film has since been shown to the sales agent, who has asked to see the final cut. Nothing is signed yet, but the director is now preparing the release with a clear strategy.",
            },
        ],
        "edition": "spring-2026",
        "sectors": ["film-audiovisual", "music"],
        "kind": "distribution",
        "stage": "early",
        "agencies": ["wbimages", "wbmusiques"],
        "quote": {
            "fr": "J'avais le film, il me manquait les bonnes personnes à qui le montrer.",
            "nl": "Ik had de film, maar niet de juiste mensen aan wie ik hem kon tonen.",
            "en": "I had the film; what I lacked was the right people to show it to.",
        },
        "quote_attribution": {
            "fr": "Réalisatrice, Charleroi",
            "nl": "Regisseuse, Charleroi",
            "en": "Film director, Charleroi",
        },
        "image_alt": {
            "fr": "Illustration abstraite : une pellicule de film sur fond bleu et des ondes sonores sur fond violet, sous une arche blanche, pour la distribution d'un premier long métrage.",
            "nl": "Abstracte illustratie: een filmstrook op blauw en geluidsgolven op paars, onder een witte boog, bij de distributie van een eerste langspeelfilm.",
            "en": "Abstract illustration: a film strip on blue and sound waves on violet, under a white arch, for the distribution of a first feature film.",
        },
    },
    {
        "key": "quebec-tour",
        "slug": {
            "fr": "un-spectacle-jeune-public-en-route-pour-le-quebec",
            "nl": "een-jeugdvoorstelling-op-weg-naar-quebec",
            "en": "a-show-for-young-audiences-heads-for-quebec",
        },
        "title": {
            "fr": "Un spectacle jeune public en route pour le Québec",
            "nl": "Een jeugdvoorstelling op weg naar Québec",
            "en": "A show for young audiences heads for Quebec",
        },
        "summary": {
            "fr": "Une compagnie de théâtre musical pour le jeune public avait reçu l'invitation d'un festival québécois, sans savoir comment financer le voyage. À Mons, elle a trouvé auprès de WBThéâtreDanse l'accompagnement nécessaire pour construire une vraie tournée.",
            "nl": "Een muziektheatergezelschap voor jong publiek kreeg een uitnodiging van een festival in Québec, maar wist niet hoe het de reis moest financieren. In Bergen vond het bij WBThéâtreDanse de begeleiding om een echte tournee uit te bouwen.",
            "en": "A music-theatre company for young audiences had been invited to a festival in Quebec, with no idea how to fund the trip. In Mons, it found the support it needed from WBThéâtreDanse to build a proper tour.",
        },
        "body": [
            {
                "fr": "Une seule date au Québec ne justifiait pas le coût du transport des décors. Avec l'équipe de l'agence, la compagnie a contacté d'autres lieux de diffusion pour regrouper plusieurs représentations sur trois semaines.",
                "nl": "Eén voorstelling in Québec woog niet op tegen de kosten om het decor over te brengen. Samen met het team van het agentschap contacteerde het gezelschap andere speelplekken om verschillende voorstellingen over drie weken te bundelen.",
                "en": "A single date in Quebec did not justify the cost of shipping the set. With the agency team, the company contacted other venues to group several performances over three weeks.",
            },
            {
                "fr": "Une scénographe rencontrée le même soir a proposé d'alléger le décor pour qu'il voyage en soute. Huit dates sont aujourd'hui confirmées, et la demande de soutien à la tournée est en cours d'examen.",
                "nl": "Een scenografe die ze dezelfde avond ontmoetten, stelde voor om het decor lichter te maken zodat het als ruimbagage mee kan. Vandaag zijn acht voorstellingen bevestigd en wordt de aanvraag voor tourneesteun behandeld.",
                "en": "A set designer they met the same evening offered to lighten the set so it could travel as hold luggage. Eight dates are now confirmed, and the application for touring support is under review.",
            },
        ],
        "edition": "autumn-2025",
        "sectors": ["theatre-dance", "music"],
        "kind": "touring",
        "stage": "ongoing",
        "agencies": ["wbtheatredanse"],
        "quote": {
            "fr": "Nous sommes passés d'une invitation isolée à une vraie tournée.",
            "nl": "We gingen van één losse uitnodiging naar een echte tournee.",
            "en": "We went from a one-off invitation to a real tour.",
        },
        "quote_attribution": {
            "fr": "Directrice de compagnie, Louvain-la-Neuve",
            "nl": "Directrice van een gezelschap, Louvain-la-Neuve",
            "en": "Company director, Louvain-la-Neuve",
        },
        "image_alt": {
            "fr": "Illustration abstraite : une danseuse dans la lumière d'un projecteur sur fond rouge brique et des ondes sonores sur fond violet, sous une arche blanche, pour la tournée d'un spectacle jeune public au Québec.",
            "nl": "Abstracte illustratie: een danseres in het licht van een spot op baksteenrood en geluidsgolven op paars, onder een witte boog, bij de tournee van een jeugdvoorstelling in Québec.",
            "en": "Abstract illustration: a dancer in a spotlight on brick red and sound waves on violet, under a white arch, for a tour of Quebec by a show for young audiences.",
        },
    },
    {
        "key": "diplomatic-mediation",
        "slug": {
            "fr": "une-deleguee-diplomatique-denoue-un-litige",
            "nl": "een-diplomatieke-afgevaardigde-ontwart-een-geschil",
            "en": "a-diplomatic-delegate-helps-settle-a-dispute",
        },
        "title": {
            "fr": "Une déléguée diplomatique dénoue un litige",
            "nl": "Een diplomatieke afgevaardigde ontwart een geschil",
            "en": "A diplomatic delegate helps settle a dispute",
        },
        "summary": {
            "fr": "Un groupe liégeois attendait depuis des mois le paiement de cachets dus par un festival étranger. À Bruxelles, son manager a été mis en relation avec une déléguée Wallonie-Bruxelles en poste dans le pays concerné, qui a aidé à renouer le dialogue.",
            "nl": "Een Luikse band wachtte al maanden op gages die een buitenlands festival nog verschuldigd was. In Brussel kwam de manager in contact met een afgevaardigde van Wallonië-Brussel in het betrokken land, die hielp om de dialoog te herstellen.",
            "en": "A band from Liège had been waiting months for fees owed by a festival abroad. In Brussels, its manager was put in touch with a Wallonia-Brussels delegate posted in that country, who helped get the conversation going again.",
        },
        "body": [
            {
                "fr": "Le manager en parlait à table comme d'une affaire perdue : les courriels restaient sans réponse, et un recours en justice aurait coûté plus cher que la somme due. Une chargée de mission de WBMusiques lui a suggéré de contacter le réseau diplomatique.",
                "nl": "De manager had het er aan tafel over als een verloren zaak: mails bleven onbeantwoord, en een rechtszaak zou meer kosten dan het verschuldigde bedrag. Een medewerkster van WBMusiques raadde hem aan het diplomatieke netwerk te contacteren.",
                "en": "At the table, the manager talked about it as a lost cause: emails went unanswered, and legal action would have cost more than the sum owed. A WBMusiques officer suggested he contact the diplomatic network.",
            },
            {
                "fr": "La déléguée a organisé une rencontre avec la direction du festival, qui traversait une période financière difficile. Un échéancier a été trouvé, et le dernier versement est arrivé à l'automne.",
                "nl": "De afgevaardigde regelde een ontmoeting met de festivaldirectie, die een financieel moeilijke periode doormaakte. Er kwam een afbetalingsplan, en de laatste schijf werd in het najaar betaald.",
                "en": "The delegate arranged a meeting with the festival management, which was going through a difficult financial period. A payment schedule was agreed, and the final instalment arrived in the autumn.",
            },
            {
                "fr": "Le festival a depuis réinvité le groupe, cette fois avec un contrat relu par l'agence.",
                "nl": "Het festival heeft de band intussen opnieuw uitgenodigd, dit keer met een contract dat het agentschap had nagelezen.",
                "en": "The festival has since invited the band back, this time with a contract checked by the agency.",
            },
        ],
        "edition": "spring-2024",
        "sectors": ["music"],
        "kind": "mediation",
        "stage": "realised",
        "agencies": ["wbmusiques"],
        "quote": {
            "fr": "Je pensais qu'il fallait tirer un trait sur cet argent ; une conversation a suffi à relancer les choses.",
            "nl": "Ik dacht dat we dat geld konden vergeten; één gesprek was genoeg om de zaak weer op gang te brengen.",
            "en": "I thought we had to write that money off; one conversation was enough to get things moving again.",
        },
        "quote_attribution": {
            "fr": "Manager de groupe, Liège",
            "nl": "Bandmanager, Luik",
            "en": "Band manager, Liège",
        },
        "image_alt": {
            "fr": "Illustration abstraite : des ondes sonores sur fond violet, sous une arche blanche, pour une médiation avec un partenaire étranger.",
            "nl": "Abstracte illustratie: geluidsgolven op paars, onder een witte boog, bij een bemiddeling met een buitenlandse partner.",
            "en": "Abstract illustration: sound waves on violet, under a white arch, for a mediation with a foreign partner.",
        },
    },
    {
        "key": "young-architect-advice",
        "slug": {
            "fr": "une-jeune-architecte-elargit-son-horizon",
            "nl": "een-jonge-architecte-verruimt-haar-blik",
            "en": "a-young-architect-broadens-her-horizons",
        },
        "title": {
            "fr": "Une jeune architecte élargit son horizon",
            "nl": "Een jonge architecte verruimt haar blik",
            "en": "A young architect broadens her horizons",
        },
        "summary": {
            "fr": "Fraîchement diplômée, une architecte de Louvain-la-Neuve hésitait à se lancer dans les concours internationaux. Une soirée de conversations lui a apporté des conseils concrets et l'envie de tenter sa chance.",
            "nl": "Een pas afgestudeerde architecte uit Louvain-la-Neuve twijfelde of ze aan internationale wedstrijden zou deelnemen. Een avond vol gesprekken leverde haar concreet advies op, en de zin om ervoor te gaan.",
            "en": "A newly qualified architect from Louvain-la-Neuve was unsure about entering international competitions. An evening of conversations gave her practical advice and the confidence to give it a try.",
        },
        "body": [
            {
                "fr": "Elle pensait ces concours réservés aux grands bureaux. Une architecte plus expérimentée lui a expliqué comment former une équipe légère, et un enseignant lui a conseillé de commencer par des concours d'idées ouverts aux jeunes praticiens.",
                "nl": "Ze dacht dat die wedstrijden voorbehouden waren aan grote bureaus. Een ervaren architecte legde uit hoe je een klein team samenstelt, en een docent raadde haar aan te beginnen met ideeënwedstrijden voor jonge ontwerpers.",
                "en": "She thought these competitions were only for large practices. A more experienced architect explained how to put together a lean team, and a lecturer advised her to start with ideas competitions open to young practitioners.",
            },
            {
                "fr": "Rien n'est encore lancé, mais elle a rencontré une paysagiste et un ingénieur avec qui elle envisage de répondre à un premier appel à projets à Lyon.",
                "nl": "Er is nog niets concreet, maar ze ontmoette een landschapsarchitecte en een ingenieur met wie ze overweegt in te gaan op een eerste projectoproep in Lyon.",
                "en": "Nothing has started yet, but she met a landscape architect and an engineer with whom she is thinking of answering a first open call in Lyon.",
            },
        ],
        "edition": "autumn-2026",
        "sectors": ["architecture", "higher-education"],
        "kind": "advice",
        "stage": "spark",
        "agencies": ["wbarchitectures", "wbcampus"],
        "quote": {
            "fr": "Je suis repartie avec moins de certitudes et beaucoup plus d'envies.",
            "nl": "Ik vertrok met minder zekerheden en met veel meer ambitie.",
            "en": "I left with fewer certainties and far more ambition.",
        },
        "quote_attribution": {
            "fr": "Architecte, Louvain-la-Neuve",
            "nl": "Architecte, Louvain-la-Neuve",
            "en": "Architect, Louvain-la-Neuve",
        },
        "image_alt": {
            "fr": "Illustration abstraite : des volumes en escalier sur fond vert olive et un réseau de points reliés sur fond ocre, sous une arche blanche, pour les conseils reçus par une jeune architecte.",
            "nl": "Abstracte illustratie: getrapte bouwvolumes op olijfgroen en een netwerk van verbonden punten op oker, onder een witte boog, bij het advies voor een jonge architecte.",
            "en": "Abstract illustration: stepped buildings on olive green and a network of linked dots on ochre, under a white arch, for the advice given to a young architect.",
        },
    },
    {
        "key": "show-visibility",
        "slug": {
            "fr": "ils-sont-venus-voir-le-spectacle",
            "nl": "ze-kwamen-naar-de-voorstelling-kijken",
            "en": "they-came-to-see-the-show",
        },
        "title": {
            "fr": "Ils sont venus voir le spectacle",
            "nl": "Ze kwamen naar de voorstelling kijken",
            "en": "They came to see the show",
        },
        "summary": {
            "fr": "Une chorégraphe tournaisienne présentait sa nouvelle création à Bruxelles quelques semaines après Passerelles. Dans la salle se trouvaient plusieurs personnes rencontrées ce soir-là, dont une programmatrice et un réalisateur.",
            "nl": "Een choreografe uit Doornik bracht enkele weken na Passerelles haar nieuwe creatie in Brussel. In de zaal zaten verschillende mensen die ze die avond had ontmoet, onder wie een programmatrice en een regisseur.",
            "en": "A choreographer from Tournai premiered her new piece in Brussels a few weeks after Passerelles. In the audience were several people she had met that evening, including a programmer and a film director.",
        },
        "body": [
            {
                "fr": "Elle avait glissé quelques flyers dans son sac, sans trop y croire. À la fin de la soirée, elle avait parlé avec une dizaine de personnes de secteurs très différents, de la mode à l'enseignement.",
                "nl": "Ze had zonder veel verwachtingen wat flyers in haar tas gestoken. Op het einde van de avond had ze met een tiental mensen uit heel verschillende sectoren gesproken, van mode tot onderwijs.",
                "en": "She had slipped a few flyers into her bag without much hope. By the end of the evening, she had talked with a dozen people from very different sectors, from fashion to education.",
            },
            {
                "fr": "Le soir de la première, six d'entre eux étaient dans la salle. Une programmatrice d'un festival lyonnais a demandé la captation, et un réalisateur a proposé de tourner une version de la pièce pour l'écran.",
                "nl": "Op de avond van de première zaten er zes van hen in de zaal. Een programmatrice van een festival in Lyon vroeg de registratie op, en een regisseur stelde voor een versie van het stuk voor het scherm te maken.",
                "en": "On opening night, six of them were in the audience. A programmer from a festival in Lyon asked for the recording, and a film director offered to make a screen version of the piece.",
            },
            {
                "fr": "Pour la chorégraphe, cette visibilité a surtout apporté de la confiance, et quelques conversations qui pourraient compter pour la suite.",
                "nl": "Voor de choreografe bracht die zichtbaarheid vooral zelfvertrouwen, en enkele gesprekken die later nog belangrijk kunnen zijn.",
                "en": "For the choreographer, the visibility mostly brought confidence, along with a few conversations that could matter later on.",
            },
        ],
        "edition": "autumn-2026",
        "sectors": ["theatre-dance", "film-audiovisual"],
        "kind": "visibility",
        "stage": "realised",
        "agencies": ["wbtheatredanse", "wbimages"],
        "quote": {
            "fr": "Voir dans la salle des visages croisés à Passerelles, c'était déjà une petite victoire.",
            "nl": "Gezichten van Passerelles in de zaal zien, dat was al een kleine overwinning.",
            "en": "Seeing faces from Passerelles in the audience already felt like a small victory.",
        },
        "quote_attribution": {
            "fr": "Chorégraphe, Tournai",
            "nl": "Choreografe, Doornik",
            "en": "Choreographer, Tournai",
        },
        "image_alt": {
            "fr": "Illustration abstraite : une danseuse dans la lumière d'un projecteur sur fond rouge brique et une pellicule de film sur fond bleu, sous une arche blanche, pour le public professionnel venu voir une chorégraphe.",
            "nl": "Abstracte illustratie: een danseres in het licht van een spot op baksteenrood en een filmstrook op blauw, onder een witte boog, bij het vakpubliek dat een choreografe kwam bekijken.",
            "en": "Abstract illustration: a dancer in a spotlight on brick red and a film strip on blue, under a white arch, for the professionals who came to see a choreographer's work.",
        },
    },
    {
        "key": "fashion-music-video",
        "slug": {
            "fr": "un-clip-entre-mode-et-musique",
            "nl": "een-videoclip-tussen-mode-en-muziek",
            "en": "a-music-video-where-fashion-meets-music",
        },
        "title": {
            "fr": "Un clip entre mode et musique",
            "nl": "Een videoclip tussen mode en muziek",
            "en": "A music video where fashion meets music",
        },
        "summary": {
            "fr": "Une créatrice de mode et le bassiste d'un groupe d'électro-pop bruxellois se sont découvert une même passion pour les années quatre-vingt. Ils préparent ensemble un clip dont les costumes deviendront une petite collection.",
            "nl": "Een modeontwerpster en de bassist van een Brusselse electropopband ontdekten een gedeelde passie voor de jaren tachtig. Samen bereiden ze een videoclip voor waarvan de kostuums een kleine collectie worden.",
            "en": "A fashion designer and the bassist of a Brussels electro-pop band discovered a shared passion for the 1980s. Together they are preparing a music video whose costumes will become a small collection.",
        },
        "body": [
            {
                "fr": "La conversation a commencé près du buffet, autour d'une veste. Le groupe cherchait une identité visuelle pour son deuxième album ; la créatrice voulait montrer ses pièces en mouvement plutôt qu'en vitrine.",
                "nl": "Het gesprek begon bij het buffet, over een jasje. De band zocht een visuele identiteit voor zijn tweede album; de ontwerpster wilde haar stukken liever in beweging tonen dan in een etalage.",
                "en": "The conversation began by the buffet, over a jacket. The band was looking for a visual identity for its second album; the designer wanted to show her pieces in motion rather than in a shop window.",
            },
            {
                "fr": "Un jeune réalisateur, rencontré le même soir lors des binômes, a rejoint le projet. Le tournage est prévu dans une ancienne usine de Charleroi, et les premiers prototypes de costumes sont prêts.",
                "nl": "Een jonge regisseur, die ze dezelfde avond tijdens de duo's hadden ontmoet, sloot zich bij het project aan. De opnames zijn gepland in een voormalige fabriek in Charleroi, en de eerste kostuumprototypes zijn klaar.",
                "en": "A young director they met the same evening during the mentoring pairs has joined the project. The shoot is planned in a former factory in Charleroi, and the first costume prototypes are ready.",
            },
        ],
        "edition": "spring-2026",
        "sectors": ["fashion", "music", "film-audiovisual"],
        "kind": "co_creation",
        "stage": "early",
        "agencies": ["wbdm", "wbmusiques", "wbimages"],
        "quote": {
            "fr": "Mes vêtements ont enfin trouvé leur rythme.",
            "nl": "Mijn kleren hebben eindelijk hun ritme gevonden.",
            "en": "My clothes have finally found their rhythm.",
        },
        "quote_attribution": {
            "fr": "Créatrice de mode, Bruxelles",
            "nl": "Modeontwerpster, Brussel",
            "en": "Fashion designer, Brussels",
        },
        "image_alt": {
            "fr": "Illustration abstraite : des plis de tissu sur fond framboise, des ondes sonores sur fond violet et une pellicule de film sur fond bleu, sous une arche blanche, pour un clip entre mode et musique.",
            "nl": "Abstracte illustratie: stofplooien op frambozenrood, geluidsgolven op paars en een filmstrook op blauw, onder een witte boog, bij een videoclip tussen mode en muziek.",
            "en": "Abstract illustration: folds of fabric on raspberry, sound waves on violet and a film strip on blue, under a white arch, for a music video where fashion meets music.",
        },
    },
]
