/**
 * Passwords that top the public breach-corpus frequency lists (RockYou, the NCSC "100k most
 * common", SecLists' top lists), written out by hand, plus well-known Nordic, German and Dutch
 * favourites since our users write in those languages. The policy also strips digits and
 * symbols around a word and undoes leetspeak, so "Sunshine2024!" is caught through "sunshine".
 */
const LIST = `
123456 123456789 12345678 12345 1234567 1234567890 12345678910 123456789012 1234567890123
1234 123 111111 1111111 11111111 111111111111 000000 00000000 000000000000 123123 123123123
123123123123 654321 7654321 87654321 987654321 0987654321 9876543210 666666 121212 112233
11223344 112233445566 123321 1234321 123454321 12344321 123654 147258 147258369 159753
159357 963852741 741852963 852456 789456 789456123 456789 456123 321321 101010 131313 696969
777777 7777777 888888 88888888 999999 99999999 555555 222222 333333 444444 1212 2000 2001
1q2w3e 1q2w3e4r 1q2w3e4r5t 1q2w3e4r5t6y 1q2w3e4r5t6y7u 1qaz2wsx 1qaz2wsx3edc 1qaz2wsx3edc4rfv
1qazxsw2 zaq12wsx zaq1zaq1 zaq1xsw2 xsw2zaq1 qazwsx qazwsxedc qazwsxedcrfv qazxswedc
!qaz2wsx 2wsx3edc 3edc4rfv q1w2e3r4 q1w2e3r4t5 q1w2e3r4t5y6 a1b2c3 a1b2c3d4 a1s2d3f4 1a2b3c4d
abc123 abc1234 abc12345 abc123456 abcd1234 abcde12345 abcdef abcdefg abcdefgh abcdefghijkl
abcdefghijklmnop abcdefghijklmnopqrstuvwxyz aaaaaa aaaaaaaa aaaaaaaaaaaa abcabc abcabcabc
qwerty qwerty1 qwerty12 qwerty123 qwerty1234 qwerty12345 qwerty123456 qwertyu qwertyui
qwertyuiop qwertyuiop123 qwertyuiopasdfghjkl qwertyuiopasdfghjklzxcvbnm qwer1234 qwerasdf
qwerasdfzxcv 1234qwer 1234qwerasdf qwer1234asdf qweasd qweasdzxc qweqwe qwe123 qwe123456
qwert qwert123 qwertz qwertz123 qwertzuiop asdf asdfasdf asdfgh asdfghj asdfghjk asdfghjkl
asdfghjkl123 asdasd asd123 asdf1234 zxcvbn zxcvbnm zxcvbnm123 zxcvbnm123456 zxczxc zxcv1234
azerty azerty123 azertyuiop poiuytrewq lkjhgfdsa mnbvcxz 1234567890qwerty qwerty1234567
password password1 password12 password123 password1234 password12345 password123456
password2 password01 password! password123! passwordpassword passw0rd passw0rd1234 p@ssw0rd
p@ssword p@ssw0rd123 p@ssw0rd1234 pa55word pa55w0rd pass pass123 pass1234 passwd passpass
passwort passwort123 passwort1234 passord passord123 passord1234 losenord losenord123
adgangskode kodeord kodeord123 wachtwoord wachtwoord123 wachtwoord1234 geheim geheim123
hemmelig hemmelig123 hemligt hemlig salasana motdepasse contrasena senha parola haslo
mypassword mypassword123 mysecretpassword secretpassword newpassword newpassword123
oldpassword nopassword passwordispassword temppassword temporarypassword defaultpassword
changeme changeme123 changeme1234 changemenow changeit changethis resetpassword
letmein letmein1 letmein123 letmein12345 letmeinplease pleaseletmein letmeinnow
welcome welcome1 welcome123 welcome1234 welcome12345 welcome2024 welcome2025 welcomehome
welkom welkom123 willkommen velkommen valkommen admin admin1 admin123 admin1234 admin12345
administrator administrator1 administrator123 adminadmin root root123 toor rootroot
superuser sysadmin system manager guest guest123 user user123 user1234 test test1 test123
test1234 testtest testing testing123 demo demo123 default default123 login login123
master master123 masterkey access access123 access14 secret secret123 secret1234 supersecret
supersecretpassword topsecret verysecret trustno1 trustno11234 iloveyou iloveyou1
iloveyou123 iloveyou1234 iloveyou2 iloveyouforever iloveyoubaby iloveme ilovemymom
ilovemyfamily ilovegod ilovejesus lovelove loveyou lovely lover loveme love123 love1234
hello hello1 hello123 hello1234 helloworld helloworld123 hellohello hallo hallo123 hallo1234
hej hej123 hejhej hejsan goodmorning goodnight goodluck happybirthday merrychristmas
happynewyear happy123 happiness smile smiley sunshine sunshine1 sunshine123 princess
princess1 princess123 prince dragon dragon1 dragon123 dragons monkey monkey1 monkey123
monkeys shadow shadow1 shadow123 superman superman1 superman123 batman batman1 batman123
spiderman ironman hulk wolverine starwars starwars1 darthvader skywalker yoda pokemon
pikachu naruto sasuke goku dragonball onepiece minecraft fortnite roblox zelda mario
nintendo playstation xbox xbox360 gamer gaming warcraft starcraft diablo counterstrike
football football1 football123 baseball baseball1 basketball soccer soccer1 hockey
hockey1 tennis golf golfer cricket rugby volleyball swimming running cycling fussball
fotball fotboll voetbal skiing snowboard surfing fishing hunting hunter hunter1 hunter2
ranger buster tigger tigger1 ginger pepper cookie cookies cupcake butterfly butterfly1
flower flowers freedom freedom1 whatever whatever1 nothing something anything everything
computer computer1 internet internet1 network server laptop keyboard mouse monitor
windows windows10 windows11 linux ubuntu debian oracle cisco microsoft microsoft365
office office365 outlook google gmail facebook twitter instagram linkedin youtube
apple iphone samsung android amazon netflix spotify paypal bitcoin crypto superoffice
superoffice123 entraid azuread okta scim scimscim summer summer1 summer123 summer2023
summer2024 summer2025 winter winter1 winter123 winter2023 winter2024 winter2025 spring
spring2024 spring2025 autumn autumn2024 fall2024 sommer sommer123 sommar sommar123 vinter
vinter123 zomer zomer123 january february march april june july august september october
november december monday friday sunday weekend holiday vacation christmas easter
halloween chocolate chocolate1 cheese coffee banana orange orange1 apple123 strawberry
cherry peanut peaches pumpkin honey sugar candy pizza burger bacon icecream purple
yellow silver golden gold diamond diamonds crystal blue red green black white pink
rainbow rainbow1 sunset sunrise moon moonlight star stars starlight galaxy universe
planet earth ocean river mountain forest nature thunder lightning storm tornado fire
phoenix matrix neo morpheus trinity mustang corvette ferrari porsche mercedes bmw audi
volvo saab toyota honda nissan ford chevy harley yamaha ducati kawasaki suzuki tesla
maverick viper cobra python eagle falcon hawk raven tiger lion panther jaguar leopard
wolf wolves bear bears shark sharks dolphin whale horse horses pony unicorn puppy kitten
kitty cat cats dog dogs doggie doggy snoopy scooby garfield bubbles fluffy sparky
rocky rocky1 buddy max bailey lucky lucky1 molly bella daisy maggie sophie chloe
charlie charlie1 coco oscar jack jackie jake jasper milo teddy teddybear
michael michael1 jennifer jordan jordan23 michelle daniel daniel1 andrew thomas robert
jessica ashley amanda joshua matthew anthony christopher nicholas william david richard
charles joseph james john johnny jonathan justin kevin brian steven edward george
patrick peter paul mark martin alexander alex alexis samantha sarah elizabeth emily
emma olivia hannah madison natalie victoria stephanie melissa nicole rachel rebecca
heather amber crystal1 brandy tiffany vanessa veronica monica angela angel angels
anna maria marina martina sofia lisa laura julia julie justine christine
caroline catherine diana helen karen linda nancy sandra susan barbara betty donna
carol ruth sharon deborah kimberly kelly kenneth brandon tyler austin dallas denver
boston chicago phoenix1 houston london paris berlin madrid rome tokyo oslo stockholm
copenhagen amsterdam rotterdam hamburg munchen bergen trondheim goteborg malmo aarhus
odense norge norway sverige sweden danmark denmark deutschland germany nederland holland
england america canada australia viking vikings nordic
lars ole olav ola kari nils knut erik eric anders per jan johan johannes karl hans
mats magnus henrik fredrik andreas jonas lukas leon finn emil oskar jesper mikkel
rasmus soren kasper ingrid astrid sigrid solveig liv maja elsa ella ida klara frida
wilma saga alma nora sanne femke daan sem bram ruben lieke anke jeroen pieter
liverpool liverpool1 arsenal arsenal1 chelsea chelsea1 manchester manutd manchesterunited
mancity tottenham everton newcastle barcelona barca realmadrid juventus milan acmilan
inter napoli roma bayern bayernmunchen dortmund borussia schalke schalke04 werder
ajax feyenoord psv rosenborg brann molde valerenga aik hammarby djurgarden malmoff
brondby fck kobenhavn celtic rangers yankees redsox cowboys steelers patriots packers
eagles1 lakers bulls celtics warriors raiders broncos giants dodgers cubs
jesus jesus1 christ god godisgood blessed blessing faith hope angel1 heaven
freedom123 liberty justice peace peaceful harmony trust truth honest loyalty
family family1 friends friend forever forever1 together always never
money money1 cash rich million millionaire dollar euro business company
work worker office1 school student teacher college university
music music1 guitar piano drums rock rockstar metallica nirvana beatles eminem
london1 paris123 berlin123 newyork losangeles california florida texas
bond007 james007 agent007 007007 qwerty007
killer1 ninja ninja123 samurai warrior soldier knight wizard merlin gandalf
frodo hobbit legolas aragorn hogwarts harrypotter hermione voldemort
letitbe whocares dontknow idontknow nopass noidea blahblah blabla
asdqwe123 qazwsx123 qweasd123 zaq123 1qaz 2wsx 1234abcd 1234abcd5678 abcd123456
thequickbrownfox thequickbrownfoxjumpsoverthelazydog correcthorsebatterystaple
correcthorse batterystaple loremipsum loremipsumdolorsitamet
`;

/** Lower-case entries, for a lower-case lookup. */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  LIST.split(/\s+/).filter((entry) => entry !== ''),
);
