class A:
    def who(self): return "A"
class B(A):
    def who(self): return "B>" + super().who()
class C(A):
    def who(self): return "C>" + super().who()
class D(B, C):
    def who(self): return "D>" + super().who()
print(D().who(), [k.__name__ for k in D.__mro__])

class Registry:
    items = []
    def __init_subclass__(cls, tag="none", **kwargs):
        super().__init_subclass__(**kwargs)
        Registry.items.append((cls.__name__, tag))
class Plugin(Registry, tag="p"):
    pass
class Other(Registry):
    pass
print(Registry.items)

def decorate(cls):
    cls.decorated = True
    return cls
@decorate
class E:
    pass
print(E.decorated)

class Temperature:
    def __init__(self):
        self._c = 0
    @property
    def celsius(self):
        return self._c
    @celsius.setter
    def celsius(self, value):
        if value < -273:
            raise ValueError("too cold")
        self._c = value
t = Temperature()
t.celsius = 25
print(t.celsius)
try:
    t.celsius = -300
except ValueError as e:
    print("error:", e)

class Counter:
    def __init__(self, n): self.n = n
    def __iter__(self):
        self.i = 0
        return self
    def __next__(self):
        if self.i >= self.n:
            raise StopIteration
        self.i += 1
        return self.i
    def __len__(self): return self.n
    def __getitem__(self, i): return i * 10
    def __contains__(self, x): return x == 42
    def __call__(self, x): return x + self.n
    def __bool__(self): return self.n > 0
print(list(Counter(3)), len(Counter(4)), Counter(2)[5], 42 in Counter(1), Counter(5)(1), bool(Counter(0)), sum(Counter(4)))

class Managed:
    def __init__(self, name): self.name = name
    def __enter__(self):
        print("enter", self.name)
        return self
    def __exit__(self, exc_type, exc, tb):
        print("exit", self.name, exc_type.__name__ if exc_type else None)
        return exc_type is KeyError
with Managed("a") as m1, Managed("b") as m2:
    print("body", m1.name, m2.name)
with Managed("c"):
    raise KeyError("swallowed")
print("after with")

def make_counter():
    count = 0
    def inc(step=1):
        nonlocal count
        count += step
        return count
    return inc
c = make_counter()
c(); c(5)
print(c())

def order():
    try:
        print("try")
        return "from try"
    finally:
        print("finally")
print(order())
for i in range(3):
    if i == 5:
        break
else:
    print("for-else ran")
n = 0
while n < 3:
    n += 1
else:
    print("while-else", n)
for i in range(10):
    if i == 2:
        break
else:
    print("not printed")
data = [1, 2, 3, 4, 5]
del data[1]
del data[-2:]
print(data, 1 < 2 < 3 > 2, 1 < 2 > 3)
if (n := len(data)) > 1:
    print("walrus", n)
def spread(*args, **kwargs):
    return args, kwargs
print(spread(*[1, 2], 3, **{"a": 1}, b=2))
first, *middle, last = "hello"
print(first, middle, last)
x = [1, 2, 3]
x[1:2] = [9, 9]
print(x, x.__class__.__name__)
print(isinstance(D(), (B, C)), issubclass(D, A), type(D()) is D, D.__bases__)
class Point:
    __slots__ = ("x", "y")
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return f"Point({self.x}, {self.y})"
    def __add__(self, other):
        return Point(self.x + other.x, self.y + other.y)
    def __eq__(self, other):
        return (self.x, self.y) == (other.x, other.y)
print(Point(1, 2) + Point(3, 4), Point(1, 1) == Point(1, 1), Point(1, 1) != Point(1, 2))
print(sorted([Point(2, 1), Point(1, 5)], key=lambda p: p.x))
