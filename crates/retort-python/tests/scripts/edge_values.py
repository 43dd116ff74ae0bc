l = []
l.append(l)
try:
    print(l)
except RecursionError as e:
    print("rec", e)
print([1,2,3][::-1], [1,2,3][5:1:-1], "abc"[-10:10], (1,2,3)[::2], range(10)[::3], list(range(10)[2:8:2]))
try:
    "%d %d" % (1,)
except TypeError as e:
    print(e)
try:
    "%d" % (1, 2)
except TypeError as e:
    print(e)
print(f"{'x':{'>'}{5}}", "{:{}}".format("a", 3) + "|")
print(int("0b101", 2), int("  12_3 "), float("1_0.5"))
x = {"a": 1}
for k in x:
    pass
print(sorted([3, 1, 2], key=None), sorted("bca"))
class A:
    def __eq__(self, o): return True
print(A() == 1, 1 == A(), A() != 1, [A()] == [2])
print(str(1e300*1e10), repr(-1e-300*1e-300), 1/3*3)
print(round(-0.5), round(0.5), round(1.5), round(-1.5), round(2.5, 0))
print(divmod(7.5, 2), 7.5 % 2, -7.5 // 2)
import math
print(math.floor(-2.5), math.ceil(-2.5), math.isclose(0.1+0.2, 0.3))
print(bool(range(0)), bool(range(1)), list(range(5, 0, -1)))
print("a" in "abc", [] in [[]], None in [None], 1 in {1: 2})
print(type(type), type(int), type(len).__name__)
