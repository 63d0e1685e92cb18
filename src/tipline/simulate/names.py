"""Name and place vocabularies, by region.

Everything here is a common given name, surname or city, combined at random: the corpus must look
like the real thing to an analyst without naming anyone real. Groups' money-transfer recipients
come from their home region's names, because in the real reports the mules collect locally.
"""

from __future__ import annotations

# Home countries of the organised groups and the share of groups based there.
GROUP_COUNTRIES: dict[str, float] = {
    "CI": 30, "SN": 10, "MA": 14, "NG": 14, "PH": 10, "BJ": 9, "GH": 7, "CM": 6,
}
FRANCOPHONE_GROUPS = frozenset({"CI", "SN", "BJ", "CM", "MA"})

# Men's given names and surnames of the people who collect the transfers (mules, "collecteurs").
RECIPIENT_NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "CI": (
        ("Serge", "Jean-Marc", "Hervé", "Didier", "Arsène", "Franck", "Yves", "Patrick", "Ibrahim",
         "Moussa", "Adama", "Seydou", "Lassina", "Mamadou", "Abdoulaye", "Aristide", "Wilfried",
         "Jean-Claude", "Armel", "Landry", "Christian", "Éric", "Cédric", "Fabrice", "Kader",
         "Souleymane", "Brice", "Ghislain", "Jules", "Rodrigue",
         "Yao", "Koffi", "Kouakou", "Désiré", "Olivier", "Romaric"),
        ("Kouassi", "Kouamé", "Konan", "Yao", "Koffi", "Kouadio", "N'Guessan", "Koné", "Traoré",
         "Ouattara", "Coulibaly", "Diabaté", "Bamba", "Touré", "Soro", "Yéo", "Doumbia", "Diomandé",
         "Zadi", "Gnahoré", "Tapé", "Séri", "Kra", "Aka", "N'Dri", "Assi", "Brou", "Kablan",
         "Amani", "Gbané", "Fofana", "Sangaré"),
    ),
    "SN": (
        ("Mamadou", "Moussa", "Ousmane", "Cheikh", "Ibrahima", "Abdou", "Modou", "Pape", "Serigne",
         "Babacar", "Aliou", "Saliou", "Lamine", "Malick", "Omar", "Assane",
         "Moustapha", "El Hadji", "Mor", "Demba"),
        ("Diop", "Ndiaye", "Fall", "Sow", "Sarr", "Diallo", "Ba", "Gueye", "Faye", "Mbaye", "Seck",
         "Cissé", "Diouf", "Ndour", "Thiam", "Niang", "Kane", "Sy", "Mbengue", "Dieng", "Sène", "Touré"),
    ),
    "MA": (
        ("Mohamed", "Youssef", "Hamza", "Anas", "Mehdi", "Omar", "Ayoub", "Karim", "Rachid", "Saïd",
         "Abdelilah", "Soufiane", "Zakaria", "Yassine",
         "Bilal", "Hicham", "Mustapha", "Abderrahim", "Othmane"),
        ("El Amrani", "Benali", "Bennani", "El Idrissi", "Alaoui", "Tazi", "Chraibi", "Berrada",
         "El Fassi", "Ouazzani", "Bouzid", "El Khattabi", "Lahlou", "Benjelloun", "Zerouali", "Haddad",
         "Naciri", "Aït Taleb", "Boukhari", "El Ouardi", "Moutawakil", "Rami"),
    ),
    "PH": (
        ("Mark", "John Paul", "Jerome", "Christian", "Ryan", "Jayson", "Michael", "Joshua", "Carlo",
         "Rodel", "Arnel", "Jomar",
         "Jhon", "Reynaldo", "Aljon"),
        ("Santos", "Reyes", "Cruz", "Bautista", "Garcia", "Mendoza", "Dela Cruz", "Ramos", "Aquino",
         "Villanueva", "Castillo", "Flores", "Gonzales", "Torres", "Navarro", "Salazar", "Manalo",
         "Dizon", "Pascual", "Mercado", "Lagman", "Sison"),
    ),
    "NG": (
        ("Chinedu", "Emeka", "Tunde", "Segun", "Ifeanyi", "Kelechi", "Uchenna", "Chidi", "Femi",
         "Ayodele", "Oluwaseun", "Samuel", "Daniel", "Godwin", "Musa", "Ahmed",
         "Victor", "Kingsley", "Emmanuel", "Tobi"),
        ("Okafor", "Okonkwo", "Adeyemi", "Olawale", "Chukwu", "Eze", "Ibrahim", "Balogun", "Nwosu",
         "Adebayo", "Ogunleye", "Uche", "Obi", "Ejike", "Onyeka", "Abubakar", "Bello", "Akande",
         "Nnamdi", "Okeke", "Afolabi", "Ogbonna"),
    ),
    "GH": (
        ("Kwame", "Kofi", "Kwabena", "Yaw", "Kojo", "Kwaku", "Kwesi", "Emmanuel", "Isaac", "Prince",
         "Richmond", "Bernard", "Nana", "Ebenezer"),
        ("Mensah", "Boateng", "Owusu", "Asante", "Osei", "Agyeman", "Appiah", "Amoah", "Ofori", "Addo",
         "Adjei", "Darko", "Acheampong", "Frimpong", "Quaye", "Annan", "Tetteh"),
    ),
    "BJ": (
        ("Mathieu", "Rodrigue", "Romuald", "Ulrich", "Fiacre", "Gildas", "Hermann", "Judicaël", "Sèna",
         "Codjo", "Kossi", "Sourou", "Bienvenu", "Arnaud", "Gérard", "Rachidi"),
        ("Houngbédji", "Agossou", "Dossou", "Ahouansou", "Gbaguidi", "Hounkpatin", "Kpadonou", "Zinsou",
         "Akpovi", "Adjovi", "Sossou", "Tchibozo", "Quenum", "Azonhiho", "Dossa", "Assogba", "Hounsa"),
    ),
    "CM": (
        ("Junior", "Boris", "Franck", "Landry", "Steve", "Ulrich", "Brice", "Cyrille", "Thierry", "Loïc",
         "Arnaud", "Hervé", "Aurélien", "Rostand", "Blaise"),
        ("Mbarga", "Ngono", "Fotso", "Kamga", "Tchoumi", "Essomba", "Atangana", "Owona", "Nana", "Tagne",
         "Djoumessi", "Kengne", "Ndongo", "Ekwalla"),
    ),
}
# Some collectors are women (given names; the surnames are the same).
RECIPIENT_WOMEN: dict[str, tuple[str, ...]] = {
    "CI": ("Aya", "Adjoua", "Akissi", "Amenan", "Affoué", "Mariam"),
    "SN": ("Fatou", "Aminata", "Awa", "Khady", "Ndèye", "Mariama", "Coumba", "Aïssatou"),
    "MA": ("Imane", "Salma", "Khadija", "Hajar", "Nadia"),
    "PH": ("Kristine", "Mary Grace", "Jennylyn", "Rowena", "Lovely", "Angelica", "Ma. Cristina"),
    "NG": ("Blessing", "Precious", "Chioma", "Ngozi"),
    "GH": ("Abena", "Ama", "Akosua", "Efua"),
    "BJ": ("Prudence", "Fifamè"),
    "CM": (),
}
# Neighbouring countries where a group sometimes has money collected, with their cities.
MULE_COUNTRIES: dict[str, tuple[str, ...]] = {
    "CI": ("BF", "TG", "BJ"), "SN": ("ML", "GN", "GM"), "NG": ("GH", "BJ"), "BJ": ("TG", "NG"),
    "GH": ("TG", "NG"), "CM": ("GA",), "MA": (), "PH": (),
}
CITIES: dict[str, tuple[str, ...]] = {
    "CI": ("Abidjan", "Abidjan", "Abidjan", "Bouaké", "Yamoussoukro", "San-Pédro", "Daloa", "Abobo",
           "Yopougon", "Cocody"),
    "SN": ("Dakar", "Dakar", "Dakar", "Thiès", "Touba", "Saint-Louis", "Pikine", "Mbour"),
    "MA": ("Casablanca", "Rabat", "Marrakech", "Fès", "Oujda", "Oued Zem", "Khouribga", "Béni Mellal",
           "Tanger", "Agadir"),
    "PH": ("Manila", "Quezon City", "Cebu City", "Davao", "Makati", "Bacolod", "Cagayan de Oro"),
    "NG": ("Lagos", "Lagos", "Abuja", "Ibadan", "Benin City", "Port Harcourt", "Enugu"),
    "GH": ("Accra", "Accra", "Kumasi", "Tema", "Takoradi"),
    "BJ": ("Cotonou", "Cotonou", "Porto-Novo", "Abomey-Calavi", "Parakou"),
    "CM": ("Douala", "Yaoundé", "Bafoussam"),
    "BF": ("Ouagadougou", "Bobo-Dioulasso"), "TG": ("Lomé",), "ML": ("Bamako",), "GN": ("Conakry",),
    "GM": ("Banjul", "Serrekunda"), "GA": ("Libreville",),
}
COUNTRY_NAMES_FR: dict[str, str] = {
    "CI": "Côte d'Ivoire", "SN": "Sénégal", "MA": "Maroc", "PH": "Philippines", "NG": "Nigeria",
    "GH": "Ghana", "BJ": "Bénin", "CM": "Cameroun", "BF": "Burkina", "TG": "Togo", "ML": "Mali",
    "GN": "Guinée", "GM": "Gambie", "GA": "Gabon",
}
COUNTRY_NAMES_EN: dict[str, str] = {
    "CI": "Ivory Coast", "SN": "Senegal", "MA": "Morocco", "PH": "the Philippines", "NG": "Nigeria",
    "GH": "Ghana", "BJ": "Benin", "CM": "Cameroon", "BF": "Burkina Faso", "TG": "Togo", "ML": "Mali",
    "GN": "Guinea", "GM": "Gambia", "GA": "Gabon",
}

# The fake profiles' first names, by the kind of persona and the audience's language.
PERSONA_WOMEN_FR = (
    "Awa", "Aminata", "Sarah", "Jessica", "Emma", "Chloé", "Léa", "Inès", "Maya", "Camille", "Laura",
    "Manon", "Julie", "Océane", "Clara", "Lina", "Nadia", "Yasmine", "Mélanie", "Amandine", "Élodie",
    "Audrey", "Kelly", "Marie", "Sophie", "Anaïs", "Pauline", "Jade", "Lola", "Zoé",
)
PERSONA_WOMEN_EN = (
    "Jessica", "Emily", "Ashley", "Sarah", "Emma", "Olivia", "Chloe", "Megan", "Lauren", "Hannah",
    "Amber", "Brittany", "Kayla", "Sophie", "Lily", "Grace", "Mia", "Madison", "Bella", "Natalie",
    "Stephanie", "Jenny", "Nicole", "Alyssa", "Jasmine", "Amy",
)
PERSONA_MEN = (
    "Kevin", "Lucas", "Alex", "Julien", "Thomas", "Ryan", "Jason", "Maxime", "Nathan", "Dylan",
    "Tyler", "Jordan", "Adam", "Noah", "Mike", "Chris", "Hugo", "Théo", "Liam", "Ethan",
)
PERSONA_SURNAMES_FR = (
    "Dubois", "Martin", "Bernard", "Lefebvre", "Moreau", "Laurent", "Girard", "Roux", "Fontaine",
    "Chevalier", "Gagnon", "Tremblay", "Roy", "Côté", "Bouchard", "Peeters", "Janssens", "Favre",
)
PERSONA_SURNAMES_EN = (
    "Miller", "Johnson", "Williams", "Brown", "Davis", "Wilson", "Taylor", "Anderson", "Thompson",
    "Walker", "Evans", "Clarke", "Hughes", "Mitchell", "Campbell", "Cooper", "Baker", "Morgan",
)
AGENCIES = (
    "Elite Models Casting", "Next Face Agency", "Star Models Paris", "Glam Casting", "Top Model Scout",
    "NewFace Mgmt", "Vogue Talents", "Fashion Casting Pro", "Model Search Intl", "Casting Jeunes Talents",
)
# Where the personas claim to live (never where the group is).
PERSONA_CITIES_FR = (
    "Paris", "Lyon", "Marseille", "Lille", "Bordeaux", "Toulouse", "Nantes", "Montréal", "Québec",
    "Laval", "Bruxelles", "Liège", "Genève", "Lausanne", "Nice", "Rennes", "Sherbrooke", "Namur",
)
PERSONA_CITIES_EN = (
    "Toronto", "London", "Manchester", "New York", "Los Angeles", "Chicago", "Vancouver", "Ottawa",
    "Miami", "Houston", "Birmingham", "Leeds", "Calgary", "Dallas", "Atlanta", "Glasgow",
)

# The victims' friends and family, as a scammer lists them to show he has the contacts.
FRIENDS_FR = (
    "Julien", "Marie", "Nicolas", "Sandrine", "Mathieu", "Émilie", "Antoine", "Caroline", "Sébastien",
    "Nathalie", "Guillaume", "Isabelle", "Vincent", "Stéphanie", "Jérôme", "Valérie", "Olivier",
    "Karine", "Mélissa", "Alexandre", "Simon", "Gabriel", "Félix", "Samuel", "Marc-André", "Catherine",
)
FRIENDS_EN = (
    "Jake", "Emily", "Matt", "Rachel", "Dan", "Laura", "Ben", "Sophie", "Josh", "Kate", "Luke",
    "Hannah", "Tom", "Jess", "Sam", "Chloe", "Ryan", "Megan", "Connor", "Abby", "Owen", "Grace",
)
# Victims' own first names, for chat headers and contact e-mails.
VICTIM_MEN = (
    "Maxime", "Kevin", "Alexandre", "Thomas", "Julien", "Nicolas", "Samuel", "Gabriel", "Antoine",
    "Jordan", "Ryan", "Jake", "Matt", "Tyler", "Connor", "Liam", "Dylan", "Hugo", "Mehdi", "Yanis",
    "Noah", "Ethan", "Loïc", "Félix", "Jonathan", "David", "Marc", "Pierre", "James", "Daniel",
)
VICTIM_WOMEN = (
    "Léa", "Camille", "Chloé", "Emma", "Sarah", "Laura", "Julie", "Megan", "Hannah", "Jessica",
    "Inès", "Manon", "Sophie", "Amélie", "Kayla", "Emily", "Noémie", "Rosalie",
)
