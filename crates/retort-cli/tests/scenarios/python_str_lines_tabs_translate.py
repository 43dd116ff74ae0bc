# String methods learners use when formatting reports: splitlines(keepends),
# expandtabs by column, and translate/maketrans.
print("one\ntwo\r\nthree".splitlines(), "one\ntwo\r\n".splitlines(True))
print("a\nb".splitlines(keepends=True), "".splitlines(), "x\n\ny".splitlines())
print(repr("a\tb".expandtabs(4)), repr("ab\tc\td".expandtabs()), repr("12345\t6\n\tz".expandtabs(4)))
table = str.maketrans("el", "ip")
print("hello".translate(table), table)
print("Hello, World!".translate(str.maketrans("", "", ",!")))
print("abc".translate({ord("a"): "AA", ord("b"): None}), "abc".translate(str.maketrans({"c": "see"})))
try:
    str.maketrans("ab", "c")
except ValueError as e:
    print("ValueError:", e)
