"""French sentence templates: narratives by victims and relatives, and scammers' chat lines.

Written for this project (not copied from real reports) after the way real French-speaking victims
in France, Québec, Belgium, Switzerland and West Africa describe sextortion. Placeholders are
filled by ``tipline.simulate.writer``; each slot has many variants so that two reports rarely
share a sentence unless the same group wrote it.
"""

from __future__ import annotations

# --- the victim's own account ---------------------------------------------------------------------

NARRATIVE: dict[str, tuple[str, ...]] = {
    "open": (
        "Bonjour,", "Bonsoir,", "Bonjour, je vous écris parce que je ne sais plus quoi faire.",
        "Salut,", "Bonjour je sais pas si c'est le bon endroit mais j'ai besoin d'aide.",
        "Aidez-moi s'il vous plaît.", "Bonsoir, j'ai honte d'écrire ça mais voilà.",
        "Bonjour, je voudrais signaler un chantage.", "URGENT", "Je vous contacte pour un chantage à la vidéo.",
        "Bonjour madame, monsieur,", "Je suis victime d'une arnaque et je suis perdu{vE}.",
        "Bonjour, un ami m'a conseillé de vous écrire.", "allo", "Bonjour, je fais ce signalement à contrecœur.",
    ),
    "contact": (
        "Il y a {ago}, {une_personne} qui s'appelle {persona} m'a ajouté sur {pf1}.",
        "J'ai reçu une demande d'ami sur {pf1} d'{une_personne}, {persona}, on a commencé à discuter.",
        "{ago_ago_cap}, j'ai matché avec {persona} sur {pf1}. "
        "{Pron} disait avoir {age_claim} ans et habiter à {pcity}.",
        "{une_personne_cap} ({persona}) m'a écrit sur {pf1}, on avait des amis en commun alors j'ai accepté.",
        "Tout a commencé sur {pf1} : {persona} ({age_claim} ans soi-disant) m'a envoyé un message.",
        "J'ai parlé avec {une_personne} sur {pf1} pendant {ago}, {pron} se faisait appeler {persona}.",
        "{persona} m'a contacté sur {pf1} en me disant que j'étais mignon{vE} et qu'{pron} voulait me connaître.",
        "Sur {pf1} {une_personne} m'a abordé, {persona}, {age_claim} ans, de {pcity}.",
        "Je me suis fait avoir comme un{vE} idiot{vE}. {persona} m'a ajouté sur {pf1} {ago_ago}.",
        "J'ai accepté l'invitation de {persona} sur {pf1} sans me méfier.",
        "On s'est rencontrés sur {pf1}, {pron} avait l'air vrai{pE}, plein de photos, des amis.",
        "{une_personne_cap} m'a suivi sur {pf1} puis m'a écrit en privé ({persona}).",
        "Un profil « {persona_full} » m'a ajouté sur {pf1} {ago_ago}.",
        "J'ai accepté {persona_full} sur {pf1}, le profil avait l'air normal.",
    ),
    "contact_recruiter": (
        "Un compte « {persona} » m'a contacté sur {pf1} pour un casting de mannequin.",
        "Une agence qui s'appelle {persona} m'a proposé sur {pf1} de faire des photos payées.",
        "{persona} m'a écrit sur {pf1} en disant que je pouvais devenir modèle et gagner de l'argent.",
    ),
    "move": (
        "Très vite {pron} m'a demandé de passer sur {pf2}.",
        "Ensuite on est passés sur {pf2} pour un appel vidéo.",
        "{Pron} a insisté pour qu'on continue sur {pf2}, {pron} disait que {pf1} buggait.",
        "Après quelques messages {pron} m'a donné son {pf2} et on a continué là-bas.",
        "Le soir même {pron} m'a proposé un appel vidéo sur {pf2}.",
        "On a échangé nos {pf2} et {pron} m'a appelé en vidéo.",
        "{Pron} voulait absolument me voir en cam sur {pf2}.",
        "On a continué la conversation sur {pf2}.",
    ),
    "webcam": (
        "Pendant l'appel {pron} s'est déshabillé{pE} et m'a demandé de faire pareil, et bêtement je l'ai fait.",
        "On a fait des choses intimes devant la caméra, je pensais que c'était une vraie personne.",
        "{Pron} m'a poussé à me mettre nu{vE} devant la webcam.",
        "Je me suis retrouvé{vE} nu{vE} devant la caméra, je ne sais même pas comment j'en suis arrivé là.",
        "L'appel vidéo est devenu sexuel, je me suis touché{vE} devant la caméra.",
        "{Pron} m'a montré une vidéo où {pron} se déshabillait et m'a demandé de faire pareil.",
        "L'image était bizarre, comme une vidéo enregistrée, mais j'ai continué.",
        "J'ai été filmé{vE} sans le savoir pendant un appel vidéo intime.",
    ),
    "images": (
        "Je lui ai envoyé des photos intimes.", "On a échangé des photos dénudées.",
        "{Pron} m'a envoyé des photos nues et je lui en ai envoyé aussi.",
        "J'ai fait l'erreur d'envoyer des photos de moi nu{vE}.",
        "{Pron} m'a demandé des photos sans vêtements, j'ai envoyé deux photos et une vidéo.",
        "J'ai envoyé une vidéo de moi, {pron} m'avait mis en confiance.",
    ),
    "reveal": (
        "Juste après {pron} m'a envoyé la vidéo de moi avec une capture de ma liste d'amis {pf1}.",
        "Ensuite le ton a changé d'un coup, {pron} m'a envoyé l'enregistrement.",
        "Quelques minutes plus tard j'ai reçu un montage avec la vidéo et mon nom.",
        "{Pron} m'a envoyé des captures de mes abonnés et de ma famille.",
        "D'un coup j'ai reçu la vidéo de moi et un lien YouTube privé avec mon visage.",
        "Après ça {pron} m'a envoyé la liste de mes amis et de ma famille.",
        "Après l'appel, j'ai reçu un message avec la vidéo et les noms de mes proches.",
    ),
    "threat": (
        "{Pron} menace d'envoyer la vidéo à tous mes contacts si je ne paie pas.",
        "Maintenant {pron} menace de publier la vidéo sur YouTube et de l'envoyer à ma famille.",
        "{Pron} dit qu'{pron} va tout envoyer à mes amis, à mes parents et à mon travail.",
        "{Pron} me menace de tout publier sur {pf1} et d'identifier mes amis.",
        "On me fait du chantage : si je ne paie pas, la vidéo sera envoyée à tout le monde.",
        "{Pron} dit qu'{pron} va envoyer la vidéo à ma copine et à mon patron.",
        "{Pron} a menacé de l'envoyer à mon école et à mes collègues.",
        "Le chantage c'est : je paie ou {pron} diffuse tout.",
    ),
    "demand": (
        "{Pron} me demande {demand}.",
        "{Pron} veut {demand} par {method} en moins de {deadline}.",
        "Il faut que je paie {demand} sinon {pron} envoie tout.",
        "{Pron} exige {demand} par {method}.",
        "{Pron} m'a donné {deadline} pour envoyer {demand}.",
        "{Pron} réclame {demand}, je ne les ai pas.", "On me réclame {demand} sous {deadline}.",
        "{Pron} demande {demand}, sinon la vidéo part chez tout le monde.",
    ),
    "demand_transfer": (
        "La somme demandée est de {demand}, à envoyer à {recipient} à {city}.",
        "Je dois envoyer {demand} au nom de {recipient} ({country_name}).",
        "{Pron} veut {demand} par {method} au nom de {recipient}.",
        "{Pron} m'a donné un nom pour le transfert : {recipient}, {city}, {demand}.",
    ),
    "demand_gift": (
        "{Pron} veut {demand} en cartes {brand}.", "{Pron} exige des coupons {brand} pour {demand}.",
        "Il faut que j'achète des cartes {brand} pour {demand} et que j'envoie les codes.",
    ),
    "demand_images": (
        "{Pron} me demande d'envoyer d'autres photos et vidéos sinon {pron} publie tout.",
        "{Pron} ne veut pas d'argent, {pron} veut que j'envoie encore plus de photos.",
        "{Pron} m'oblige à lui envoyer de nouvelles vidéos chaque jour.",
        "{Pron} dit que si j'envoie pas d'autres photos {pron} les met sur ma story.",
    ),
    "paid": (
        "J'ai paniqué et j'ai envoyé {paid} par {method} à {recipient} à {city}.",
        "J'ai déjà payé {paid} par {method} (MTCN {mtcn}).",
        "J'ai envoyé {paid} à {recipient}, {city}, {country_name}. Le numéro de transfert est {mtcn}.",
        "J'ai payé une première fois {paid} par {method} mais {pron} en redemande.",
        "J'ai fait un {method} de {paid} au nom de {recipient}.",
        "Par peur j'ai payé {paid}. Le transfert est parti pour {city} au nom de {recipient}.",
        "J'ai envoyé l'argent ({paid}) par {method}, code {mtcn}, bénéficiaire {recipient}.",
    ),
    "paid_gift": (
        "J'ai acheté des cartes {brand} pour {paid} et je lui ai envoyé les codes.",
        "J'ai payé {paid} en recharges {brand} au bureau de tabac.",
        "{Pron} m'a fait acheter des coupons {brand}, {paid} au total.",
    ),
    "paid_crypto": (
        "J'ai envoyé {paid} en bitcoin à l'adresse {wallet}.",
        "J'ai acheté des bitcoins pour {paid} et je les ai envoyés sur {wallet}.",
        "{Pron} m'a fait payer {paid} en crypto sur le portefeuille {wallet}.",
    ),
    "paid_other": (
        "J'ai payé {paid} par {method}.",
        "J'ai envoyé {paid} par {method} pour qu'{pron} me laisse tranquille.",
        "J'ai déjà donné {paid} ({method}).",
    ),
    "more": (
        "Maintenant {pron} en veut encore {more}.",
        "Après avoir payé, {pron} m'a redemandé {more} pour « supprimer la vidéo ».",
        "{Pron} dit que c'était pas assez et veut {more} de plus.",
        "Ça ne s'arrête pas, {pron} veut encore {more}.",
    ),
    "friends_contacted": (
        "{Pron} a déjà envoyé la vidéo à un de mes amis.",
        "Ma cousine m'a dit qu'elle avait reçu un message avec la vidéo.",
        "Un collègue a reçu une demande d'ami de ce compte.",
        "Ma sœur a reçu la vidéo sur Messenger.",
        "{Pron} a commencé à écrire à mes amis pour montrer qu'{pron} ne bluffe pas.",
        "Mon meilleur ami a reçu une capture de la vidéo.",
    ),
    "identifier": (
        "Le compte : {ident}", "Identifiant : {ident}", "Je vous mets son compte : {ident}",
        "{ident} c'est son compte.", "Contact de l'arnaqueur : {ident}", "{Pron} m'écrit depuis {ident}.",
        "{lead}{ident} (c'est le même)", "Voici le profil {ident}", "Pseudo : {ident}",
    ),
    "identifier_phone": (
        "{Pron} m'écrit depuis le {ident}.", "Contact de l'arnaqueur : {ident}", "Le numéro qui m'appelle : {ident}",
        "{Pron} m'a appelé avec le {ident}", "Numéro utilisé : {ident}", "Je vous mets son numéro : {ident}",
    ),
    "feel": (
        "Je n'arrive plus à dormir.", "J'ai tellement honte.", "Je suis terrorisé{vE}.",
        "Je ne sais pas quoi faire, je suis paniqué{vE}.", "Je n'ose en parler à personne.",
        "J'ai peur que ma famille voie ça.", "Je tremble en écrivant ce message.",
        "Je suis stressé{vE} depuis deux jours.", "Ma vie est finie si ça sort.",
        "Je regrette tellement.", "Je ne mange plus.", "Ça m'inquiète beaucoup.",
    ),
    "self_harm": (
        "J'ai pensé à en finir.", "Si la vidéo sort je me tue.", "J'ai envie de mourir.",
        "Je ne veux plus vivre avec ça.", "Je pense à me faire du mal.",
        "Honnêtement j'ai pensé au suicide cette nuit.",
    ),
    "ask": (
        "Que dois-je faire ?", "Est-ce que je dois payer ?", "Pouvez-vous faire supprimer la vidéo ?",
        "Aidez-moi svp.", "Est-ce que la police peut faire quelque chose ?", "Comment bloquer la vidéo ?",
        "Est-ce qu'ils vont vraiment l'envoyer ?", "Merci de m'aider.", "Je veux porter plainte.",
        "Est-ce que vous pouvez retrouver cette personne ?", "Je veux juste que ça s'arrête.",
    ),
    "mixed": (
        "{Pron} m'a écrit « pay or I send the video to all your friends ».",
        "Le message disait « you have 24 hours » et après que des insultes.",
        "J'ai répondu « please don't » mais {pron} s'en fout.",
        "{Pron} écrit moitié en anglais : « send the money now or you're finished ».",
    ),
}
# The minor's own account: peers and "models", more images wanted, school threatened.
NARRATIVE_MINOR: dict[str, tuple[str, ...]] = {
    "contact": (
        "J'ai {age} ans. Une fille de mon âge ({persona}) m'a ajouté sur {pf1}.",
        "J'ai {age} ans et un compte {persona} m'a parlé sur {pf1}.",
        "Sur {pf1} {une_personne} m'a écrit, {pron} disait avoir {age_claim} ans comme moi.",
        "J'ai {age} ans. {persona} m'a demandé en ami sur {pf1} et on a parlé plusieurs jours.",
    ),
    "threat": (
        "{Pron} dit qu'{pron} va envoyer les photos à tout mon collège.",
        "{Pron} menace de tout mettre sur ma story et de l'envoyer à mes parents.",
        "{Pron} dit qu'{pron} va envoyer ça à mon lycée et à ma mère.",
        "{Pron} a une capture de tous mes abonnés et dit qu'{pron} va tout poster.",
        "{Pron} menace d'envoyer les photos à mes potes et à ma classe.",
        "Si je fais pas ce qu'{pron} dit, {pron} envoie tout à mes parents.",
        "{Pron} dit que tout le monde au bahut va voir mes photos.",
    ),
    "feel": (
        "Mes parents savent pas.", "Je peux pas en parler à ma mère.", "J'ai trop peur d'aller au lycée.",
        "Je pleure depuis hier.", "Je veux pas que mon père sache.",
    ),
}
# A parent, friend or professional writing about the victim.
THIRD: dict[str, tuple[str, ...]] = {
    "open": (
        "Bonjour, je vous écris au sujet de {enfant}.", "Bonsoir, je suis {parent} d'un{eE} ado de {age} ans.",
        "Bonjour, {enfant} ({age} ans) est victime de chantage.", "Je signale un chantage sur {enfant}.",
        "Bonjour, je suis très inquiet{parE} pour {enfant}.",
    ),
    "contact": (
        "{Il} a été contacté{eE} sur {pf1} par {une_personne} qui se fait appeler {persona}.",
        "{Enfant_cap} a accepté {persona} sur {pf1}, on pensait que c'était quelqu'un de son âge.",
        "Il y a {ago}, {persona} a écrit à {enfant} sur {pf1}.",
        "Un compte {persona} a commencé à parler avec {enfant} sur {pf1}.",
    ),
    "event": (
        "{Il} a envoyé des photos intimes et maintenant on lui fait du chantage.",
        "{Il} a été filmé{eE} pendant un appel vidéo sur {pf2}.",
        "La personne a obtenu des photos de {enfant} et en demande d'autres.",
        "{Il} a été piégé{eE} dans un appel vidéo et enregistré{eE}.",
    ),
    "threat": (
        "La personne menace d'envoyer les images à ses amis et à son école.",
        "On lui demande {demand} sinon tout sera publié.",
        "Le maître-chanteur exige d'autres photos sinon il diffuse tout.",
        "La personne exige {demand} par {method}.",
        "Ils menacent de publier les images sur {pf1} et d'identifier ses camarades.",
    ),
    "paid": (
        "{Il} a déjà payé {paid} avec son argent de poche en cartes {brand}.",
        "Nous avons découvert qu'{il} avait envoyé {paid} par {method}.",
        "{Il} a payé {paid} avant de nous en parler.",
    ),
    "found": (
        "Nous avons découvert les messages sur son téléphone.", "{Il} nous en a parlé ce soir en pleurant.",
        "{Il} n'ose plus aller à l'école.", "{Il} s'est confié{eE} à sa sœur.",
        "L'infirmière scolaire nous a alertés.",
    ),
    "self_harm": (
        "{Il} a dit qu'{il} voulait mourir, nous sommes très inquiets.",
        "{Il} a parlé de se faire du mal.", "On a peur qu'{il} fasse une bêtise.",
    ),
    "ask": (
        "Que devons-nous faire ?", "Comment faire retirer les images ?", "Faut-il porter plainte ?",
        "Pouvez-vous nous aider à faire supprimer les photos ?", "Merci de nous conseiller rapidement.",
    ),
}

# --- the scammer's chat lines, from which each group picks its favourite phrasings ----------------

CHAT: dict[str, tuple[str, ...]] = {
    "hook": (
        "coucou toi 😘", "tu es seul ?", "salut beau gosse", "on passe en appel vidéo ?", "ajoute moi sur {pf2}",
        "tu me plais bcp", "montre moi ton corps", "je suis toute seule ce soir", "t'es où mon chéri",
        "tu veux voir qlq chose ?",
    ),
    "reveal": (
        "regarde bien cette vidéo", "c'est toi ça non ?", "j'ai tout enregistré", "tu te reconnais ?",
        "je t'ai filmé pendant l'appel", "voilà ta vidéo", "regarde ce que j'ai",
        "la vidéo est déjà montée avec ton nom",
    ),
    "threat": (
        "si tu paies pas j'envoie la vidéo à tous tes amis {pf1}",
        "je vais publier sur youtube et identifier ta famille",
        "tu vas devenir la honte de ta famille", "tout le monde va voir ta vidéo",
        "je ne plaisante pas avec toi", "je connais ta famille et ton travail",
        "je vais détruire ta vie", "tu vas voir ce qui va se passer",
        "je vais mettre la vidéo sur tous les sites",
    ),
    "demand": (
        "envoie {demand} et je supprime tout", "tu dois payer {demand}", "il me faut {demand} maintenant",
        "c'est {demand} sinon tout le monde verra", "je veux {demand}",
        "si tu envoies {demand} j'efface la vidéo", "{demand} et on n'en parle plus",
    ),
    "instructions_wu": (
        "envoie par western union au nom de {recipient} à {city}",
        "nom : {recipient} ville : {city} pays : {country_name}",
        "tu passes par western union ou moneygram, nom {recipient}",
        "voici le nom pour le transfert : {recipient}, {city}",
        "après tu m'envoies le MTCN", "fais le transfert au nom de {recipient} et donne moi le code",
    ),
    "instructions_gift": (
        "achète des cartes {brand} au tabac et envoie moi les codes",
        "tu prends des coupons {brand} de 100 et tu me donnes les codes",
        "cartes {brand} seulement, pas autre chose", "envoie les photos des tickets {brand}",
    ),
    "instructions_crypto": (
        "envoie en bitcoin sur {wallet}", "voici mon adresse btc {wallet}", "paye en crypto : {wallet}",
    ),
    "instructions_mobile": (
        "envoie par {mobile} au {phone}", "fais un dépôt {mobile} sur {phone}", "{mobile} : {phone}",
    ),
    "instructions_paypal": (
        "envoie sur paypal {paypal} en mode ami", "paypal : {paypal}",
    ),
    "instructions_bank": (
        "fais un virement, je t'envoie le RIB", "virement au nom de {recipient}",
    ),
    "deadline": (
        "tu as {deadline}", "tu as {deadline} pour payer", "je te donne {deadline} pas plus",
        "après {deadline} j'envoie tout", "le temps passe ⏳", "dépêche toi",
    ),
    "friends": (
        "j'ai déjà la liste de tes amis : {friends}", "{friends}… tu veux que je leur envoie ?",
        "je commence par {friend1} ?", "regarde j'ai tes abonnés", "ta mère est sur ta liste non ?",
    ),
    "pressure": (
        "je m'en fous de tes excuses", "trouve l'argent", "emprunte à tes amis", "tu me prends pour un con ?",
        "vends ton téléphone", "tu veux que j'envoie maintenant ?", "je n'attends plus",
        "pas de négociation",
    ),
    "more_money": (
        "c'est bien mais il manque encore {more}", "il faut encore {more} pour supprimer",
        "mon patron veut {more} de plus", "encore {more} et c'est fini promis",
    ),
    "more_images": (
        "envoie moi encore des photos", "je veux une vidéo de toi maintenant",
        "si tu m'envoies 3 photos de plus je supprime", "envoie ou je poste tout sur ta story",
    ),
}
VICTIM_CHAT: dict[str, tuple[str, ...]] = {
    "plead": (
        "stp supprime", "je t'en supplie", "j'ai pas cet argent", "je suis étudiant", "pourquoi tu fais ça",
        "s'il te plaît ne fais pas ça", "je peux pas payer autant", "je vais porter plainte",
        "j'ai que 200", "laisse moi du temps", "c'est pas moi sur la vidéo",
    ),
    "ok": ("ok je vais payer", "d'accord", "ok ok", "je vais voir", "donne moi le nom", "je fais comment"),
    "paid": ("c'est fait", "j'ai envoyé", "voilà le code {mtcn}", "c'est envoyé maintenant supprime",
             "j'ai payé {paid}"),
}
# Durations, in the order of ``scenario._DEADLINE_HOURS``.
DEADLINES = ("24h", "24 heures", "48h", "6 heures", "12h", "1 heure", "30 minutes", "3 heures", "2 jours")
MOBILE_MONEY = {"CI": "Orange Money", "SN": "Wave", "BJ": "MTN MoMo", "CM": "MTN MoMo", "GH": "MTN MoMo",
                "NG": "OPay", "PH": "GCash", "MA": "Cash Plus"}
METHOD_NAMES = {
    "western_union": ("Western Union", "western union", "WU", "Western"),
    "moneygram": ("MoneyGram", "moneygram", "Money Gram"),
    "ria": ("Ria", "RIA"),
    "gift_card": ("cartes cadeaux", "coupons"),
    "crypto": ("bitcoin", "crypto", "BTC"),
    "bank_transfer": ("virement", "virement bancaire"),
    "paypal": ("PayPal", "paypal"),
    "mobile_money": ("Orange Money", "mobile money", "Wave"),
    "cash": ("cash", "espèces"),
    "other": ("un transfert", "Wafacash"),
}
PERSONA_WORDS = {
    "woman": ("une fille", "une femme", "une jeune femme", "une nana", "une meuf"),
    "teen": ("une fille", "une ado", "une fille de mon âge"),
    "man": ("un mec", "un homme", "un jeune homme", "un gars"),
    "recruiter": ("une agence", "un recruteur", "une agence de mannequins"),
}
PERSONA_LABELS = {
    "woman": ("jeune femme", "femme", "fille", "belle femme", "jeune femme (fausse)", "étudiante"),
    "teen": ("fille de mon âge", "ado", "jeune fille"),
    "man": ("jeune homme", "homme", "mec", "militaire"),
    "recruiter": ("recruteur de mannequins", "agence de mannequins", "casting"),
}
CHILD = {"man": ("mon fils", "notre fils", "mon garçon"), "woman": ("ma fille", "notre fille")}
FRIEND_SUBJECT = {"man": ("mon ami", "mon frère", "un collègue", "mon petit frère"),
                  "woman": ("mon amie", "ma sœur", "une collègue")}
PRO_SUBJECT = {"man": ("un élève", "un jeune que je suis", "un usager de notre service"),
               "woman": ("une élève", "une jeune que je suis", "une usagère de notre service")}
IDENT_LEAD: dict[str, tuple[str, ...]] = {
    "phone": ("Son numéro : ", "Son WhatsApp : ", "numéro : ", "tel ", "Le numéro qui m'écrit : ", "whatsapp "),
    "instagram": ("insta: ", "IG : ", "son insta ", "compte instagram : ", "Instagram "),
    "snapchat": ("snap : ", "son snap c'est ", "snapchat ", "Snap: "),
    "tiktok": ("tiktok : ", "son tiktok ", "TikTok "),
    "facebook": ("Le profil : ", "Lien Facebook : ", "fb : ", "Son facebook : "),
    "skype": ("Skype : ", "son skype : ", "skype id ", "Pseudo Skype : "),
    "email": ("Son mail : ", "email : ", "adresse mail ", "Mail : "),
    "telegram": ("telegram : ", "tg ", "Son Telegram : "),
    "crypto": ("adresse bitcoin : ", "wallet : ", "portefeuille : "),
    "paypal": ("paypal : ", "compte paypal "),
    "transfer_recipient": ("Nom du bénéficiaire : ", "le nom donné : ", "au nom de "),
    "x": ("twitter : ", "son compte X : ", "Twitter "),
    "discord": ("discord : ", "son discord c'est ", "pseudo Discord : "),
    "kik": ("kik : ", "son kik ", "Kik : "),
    "wizz": ("wizz : ", "sur Wizz ", "son wizz "),
    "tinder": ("tinder : ", "son profil Tinder ", "Tinder "),
    "badoo": ("Le profil Badoo : ", "badoo : ", "Lien Badoo "),
    "meetic": ("meetic : ", "son pseudo Meetic : ", "Meetic "),
    "linkedin": ("linkedin : ", "Le profil LinkedIn : "),
}
REGIONAL: dict[str, tuple[str, ...]] = {
    "qc": ("J'capote ben raide.", "Chu dans marde.", "C'est ben stressant.",
           "J'pensais que c'était une vraie fille, tsé.",
           "Ma blonde le sait pas.", "J'ai pas dormi d'la nuit.", "C'est pas des farces."),
    "be": ("Je suis vraiment mal, une fois.", "Je ne sais plus quoi faire, c'est fort grave.",
           "On m'a donné jusqu'à ce soir, je dois payer endéans les 24h."),
    "ch": ("Ça me fait vraiment souci.", "Il m'écrit sur mon natel sans arrêt.", "Je suis complètement à plat."),
}
PLATFORM_ROLE = (
    "Signalement transmis par l'équipe de modération : compte signalé pour sextorsion.",
    "Compte signalé par plusieurs utilisateurs pour chantage à la vidéo.",
)
