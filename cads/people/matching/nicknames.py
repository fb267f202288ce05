"""Given names that are the same name for matching: short forms, nicknames, spelling and
transliteration variants common in the UK (English, Scottish, Irish, Welsh, South Asian,
Arabic, Somali, Polish, Romanian and West African names).

One group a line, written in the form `normalise_name` produces (lower case, no accents).
The first name on a line is the group's root. A name may be in several groups ("fred" is
Alfred or Frederick; "alex" is Alexander or Alexandra): it then matches all of them. The
lists join forms people really use for one person; cognates that are different names in
practice (Yusuf and Joseph) are kept apart, because joining them would make unrelated
children look alike.
"""

from __future__ import annotations

_GROUPS = """
aaliyah aliyah aliya alia aleah
abigail abbie abby abbey abi
adrian adi
ahmed ahmad ahmet ahmadu amadou ahmadou ahmid
aidan aiden ayden aden adan aedan
aisha ayesha aysha ayisha aishah aicha aissatou ayesa
albert al albie bert bertie
alexander alex alec alexandr aleksander alexandru olek sandy xander sasha lex
alexandra alex alexa lexi lexie sasha aleksandra ola sandra sandy
alfred alf alfie fred freddie freddy
ali aly alee
alice ally allie alys alicja alicia
alistair alastair alasdair allister
amanda mandy manda
amelia millie amelie
amina aminah ameena aminata
andrew andy drew andrei andrzej andrey
andrea andreea
angela angie angelina
ann anne anna annie ania anka ana
anthony antony tony antoni anton antonio
antonia toni
archibald archie arch
arthur art artie
ayaan ayan
barbara babs barb
bartholomew bart bartosz bartek
benjamin ben benny benji
bethany beth
bilal belal
bradley brad
caoimhe keeva
caroline carol carrie carolyn carole
catherine katherine katharine kathryn cathryn catharine kate katie kath kathy cathy kay
  kitty katy katarzyna kasia kasha catriona katrina kathleen kat
charles charlie chas chaz chuck karol
charlotte lottie charlie lotte lotty
chinedu nedu
chiamaka amaka
christian cristian cristi chris
christine christina cristina kristina krystyna kirsty kirstie kirsten chris chrissie tina
christopher chris christoph kit krzysztof krzys topher
chukwuemeka emeka
ciaran kieran kieron keiran kieren
cian kian
conor connor conner
constantin constantine costel costi
daniel dan danny dani danut
david dave davie davy dai dafydd dawid
deborah debbie debra deb debs
dominic dom dominik
donald don donny
dorothy dot dottie dolly
douglas doug dougie
edward ed eddie eddy ted teddy ned
eleanor elinor ellie nell nellie nora norah elenor
elizabeth elisabeth liz lizzie lizzy beth betty bess bessie eliza elsie libby lisa liza betsy
  elzbieta ela
emily emilie emmie em emilia
emma em emmie
eoin owen eoghan owain
euan ewan ewen
evelyn evie eve
fatima fatimah fatma fatema fatuma fatoumata fatou
frances fran frankie fanny franziska
francis frank frankie franciszek franek francesco
frederick fred freddie freddy fredrick frederic
gabriel gabe gabi gabby
gabrielle gabby gabriela gabriella gabi
george georgie gheorghe jerzy
georgina georgia georgie georgiana
gerald gerry gerard jerry
gregory greg grzegorz
hamza hamzah hamsa
harriet hattie hatty
harrison harris harry
hassan hasan hasson
helen helena elena ellen nell
henry harry hal hank henryk
harold harry hal
hugh huw hughie
hussain hussein husain hossain husayn hosein husein
ibrahim ebrahim ibraheem brahim ibrahima
idris idrees
imogen immy imi
isaac isaak izaac ike
isabel isabella isabelle isobel izzy issy bella belle izabela
ismail ismael ismaeel esmail
jacob jake jakub kuba jakob
jacqueline jackie jacqui jacky
james jim jimmy jamie jimbo seamus hamish jamey
jane janey jayne sian shan
jasmine jasmin jazmin jaz
jayden jaiden jaden jaydon jaidon
jennifer jenny jen jenna jenni
jessica jess jessie jessy
joanne joanna jo joann ioana asia jo-anne
john jon jack johnny jonny ion ioan ionut ionel jan janek sion
ian iain
jonathan jon jonny johnny
joseph joe joey jo jozef jose
josephine josie jo jozefina
joshua josh
judith judy jude
julia julie juliet julka iulia juliette
kenneth ken kenny
kevin kev
khadija khadijah khadeeja kadiatou
khalid khaled
lawrence laurence larry laurie lawrie
leila layla laila leyla lailah
leonard leo leon len lenny
louis lewis louie lou luis ludwik
louise louisa lou lulu
lucas lukas
lucy lucie lucia
luke lukasz luc
madeleine madeline maddie maddy madelyn madeline magdalena magda
margaret peggy meg maggie margo greta marge margie malgorzata gosia
mary molly polly mae mamie
maryam mariam meryem maryum mariyam mariama
matilda tilly tillie tilda mattie
matthew matt matty mateusz matteo
maximilian max maxim maks
maxwell max
melanie mel
michael mike mick mickey mikey micky michal mihai mihail mikhail
michelle shelley
michaela mihaela micaela
muhammad mohammed mohammad mohamed muhammed mohamad mohammod mahomed mohd md muhamad
  mohamud mahamed mohammed mohamed mohmed
musa moosa mousa moussa
mustafa mostafa mustapha moustafa
nathaniel nathan nat nate
natalie natalia nat natasha tasha
niamh neve neave nieve
nicholas nick nicky nico nikolai nicolae mikolaj niko
nicola nicole nicky nikki
noor nur nour
oliver ollie olly oli
olivia liv livvy ollie livia oliwia
omar umar omer oumar
patricia pat patty trish tricia
patrick pat paddy padraig
paul pawel pablo paolo
peter pete piotr petru piotrek
philip phillip phil pip filip
rebecca becky becca bex
richard rich richie rick ricky dick
robert rob robbie bob bobby bert rab
ronald ron ronnie
rory ruairi ruari ruaridh
rosemary rosie rose rosa
rhys reece reese rees
samantha sam sammie sammy
samuel sam sammy
sarah sara sally sadie
sebastian seb sebbie
siobhan shivaun chevonne
simon szymon
sophia sophie sofia zofia zosia soph
stanley stan
stephanie steph stefania
stephen steven steve stevie stefan stephan
suleiman sulaiman suleyman sulayman soliman souleymane
susan sue susie suzy suzanne susanna zuzanna zuzia
teresa theresa tess tessa terri
terence terry
theodore theo teddy ted
thomas tom tommy tomasz tomek
timothy tim timmy
tobias toby tobi
usman osman uthman othman ousmane
victoria vicky vikki tori vic wiktoria
walter walt wally
william will bill billy willie liam wills wiliam
yasmin yasmine yasmeen yazmin yasmina
yusuf yousef yusef youssef yousuf yusuff yousif
zachary zach zak zack zac
zainab zaynab zenab zeinab
zain zayn zaine
zoe zoey zoee
abdullah abdallah abdulla abdullahi abdoulaye
abdirahman abdulrahman abdurrahman abdelrahman
abubakar abubakr abu-bakr
rayyan rayan raiyan
saeed said saeid saed sayeed
syed sayed sayyid saiyid
tariq tarik tareq tarek
mahmoud mahmood mehmood mahmud
rashid rasheed rashed
kareem karim
jamal jamaal jamil
faisal faysal feisal
hamid hameed
junaid junayd
inaya inaaya enaya
safiya safiyah saffiya safia
hafsa hafsah
yahya yahia
isa eesa issa
yaqub yaqoob yacoub yakoub
siddharth sid siddhartha
oluwaseun seun
oluwatobi tobi tobiloba oluwatobiloba
oluwafemi femi olufemi
oluwadamilare damilare dami
oluwadamilola damilola dami
oluwatoyin toyin
oluwakemi kemi
oluwaseyi seyi
oluwatosin tosin
oluwabukola bukola bukky
oluwafunmilayo funmilayo funmi
oluwatimilehin timilehin timi
olumide mide
temitope tope temi
adebayo bayo
adewale wale
adeyemi yemi
ayodele ayo dele
abimbola bimbo bimpe
babatunde tunde
olusegun segun
olajide jide
adedayo dayo
ifeoluwa ife
chidinma dinma
chinonso nonso
ikechukwu ike
kwame kwamena
efua effie
callum calum
eilidh ailie
mhairi mairi mhari
lachlan lachie
aoife eefa
roisin rosheen
grainne grania
tadhg teague
oisin osheen
cerys ceris
ffion fion
llewellyn llew
gwendolen gwen gwenllian
bethan beth
kacper kasper casper
dominika domi
weronika veronica ronnie
agnieszka agnes aga
wojciech wojtek
maciej maciek
marek mark
stanislaw stas stasiek
florin florian
vasile vasilica
razvan
bogdan
finley finlay finn fin
fionn finn
reuben ruben
elijah eli
ethan ethen
riley ryley rylee
kai kye ky
dylan dillon
reginald reggie reg
jenson jensen
ryan rian
esme esmee
lily lillie lilly lili
freya freja
florence flo florrie flossie
chloe khloe
phoebe phebe
ruby rubie
scarlett scarlet
sienna siena
maisie maisy maisey
mia miya
isla islay
lola
evangeline eva
eva ewa eabha
ava
grace gracie
leah lea
aimee amy
mason
logan
tyler
hunter
kayden caden kaden
brandon
sean shaun shawn shaughn
cillian killian kilian
niall neil neal niel
orla orlagh orlaith
ciara kiara keira kira ciera
darragh dara
hannah hanna hana
maya maja maia
amir ameer emir
amira ameera
zara zarah
sumaya sumaiya sumayyah sumayya
salma selma
rehan rayhan raihan reyhan
aarav arav
saanvi sanvi
anaya anaaya
nadia nadiya
sana sanaa
denisa denise
daria darya
vlad vladimir
sinead shinead
aisling ashling
""".strip()


def _parse(text: str) -> tuple[tuple[str, ...], ...]:
    """One group a line; an indented line continues the line before it."""
    groups: list[list[str]] = []
    for line in text.splitlines():
        names = line.split()
        if not names:
            continue
        if line.startswith(" ") and groups:
            groups[-1].extend(names)
        else:
            groups.append(names)
    return tuple(tuple(dict.fromkeys(group)) for group in groups)


GROUPS: tuple[tuple[str, ...], ...] = _parse(_GROUPS)
