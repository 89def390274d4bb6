// Passwords of twelve characters or more that top the public breach corpora
// and common-password lists, lower-cased; the length rule already refuses the
// shorter ones. Extend from a full breach list in production (NIST 800-63B).
const LIST = `
123456789012 1234567890123 12345678901234 123456789123 111111111111 000000000000 123123123123 112233445566
qwertyuiop12 qwertyuiop123 qwertyuiopasdf 1q2w3e4r5t6y 1q2w3e4r5t6y7u 1qaz2wsx3edc 1qaz2wsx3edc4rfv zaq12wsxcde3
password1234 password12345 password123456 passwordpassword password1! password123! passw0rd1234 p@ssw0rd1234
p@ssword1234 mypassword123 mypassword1234 changeme1234 changeme123! letmein12345 letmein123456 welcome12345
welcome123456 welcome2024! welcome2025! welcome2026! iloveyou1234 iloveyou12345 trustno11234 football1234
baseball1234 superman1234 batman123456 dragon123456 monkey123456 sunshine1234 princess1234 starwars1234
whatever1234 computer1234 internet1234 administrator admin1234567 administrator1 adminadmin12 rootroot1234
qwerty123456 qwerty1234567 asdfghjkl123 asdfghjkl1234 zxcvbnm12345 abcdefghijkl abcdefgh1234 abc123456789
abcd12345678 aaaaaaaaaaaa passwordpass correcthorsebatterystaple correcthorse1 summer2024!! winter2024!!
spring2025!! fall2025!!!! texas1234567 austin123456 austintexas1 wacotexas123 killeen12345 longhorns123
hookem123456 cowboys12345 spurs1234567 astros123456 rangers12345 doctor123456 nurse1234567 hospital1234
medical12345 patient12345 health123456 clinic123456 painclinic12 relief123456 relief2026!! michael12345
jennifer1234 jessica12345 ashley123456 charlie12345 jordan123456 thomas123456 robert123456 daniel123456
letmeinplease 11111111111111 121212121212 123321123321 987654321098 098765432109 999999999999 696969696969
qazwsxedcrfv qweasdzxc123 1qazxsw23edc zxcvbnm123456 qwertyuiopasdfgh asdfasdfasdf qwerqwerqwer
`;

export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(LIST.split(/\s+/).filter(Boolean));
