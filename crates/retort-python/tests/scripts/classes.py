class User:
    count = 0
    def __init__(self, name, age=30, *tags, **extra):
        self.name = name
        self.age = age
        self.tags = tags
        User.count += 1
    def __repr__(self):
        return f"User(name={self.name!r}, age={self.age})"
    @property
    def label(self):
        return self.name.upper()
    @staticmethod
    def hello():
        return "hi"
    @classmethod
    def make(cls, n):
        return cls(n)

users = [User("alice"), User("bob", 25), User.make("张三")]
print(users)
print(User.count, User.hello(), users[0].label)
d = {u.name: u.age for u in users}
print(d, len(d))
print(sum(u.age for u in users), max(users, key=lambda u: u.age))
print(sorted(d.items(), key=lambda kv: kv[1], reverse=True))
x, *rest = [1, 2, 3, 4]
print(x, rest, 10 / 4, 7 // 2, 2 ** 10, 1e16, 0.1 + 0.2, 1 < 2 < 3)
for i, name in enumerate(["a", "b"], start=1):
    print(i, name, end="; ")
print()
try:
    {}["missing"]
except KeyError as e:
    print("caught", repr(e), str(e), type(e).__name__)
print("%s is %d years, %.2f%%" % ("bob", 25, 12.345))
print("{} {name}".format("x", name="y"), f"{3.14159:.2f}|{42:>5}|{'ab':^6}|")
class Animal:
    def speak(self): return "..."
class Dog(Animal):
    def speak(self): return "Woof " + super().speak()
print(Dog().speak(), isinstance(Dog(), Animal), issubclass(Dog, Animal))
def outer():
    n = 0
    def inc():
        nonlocal n
        n += 1
        return n
    inc(); inc()
    return inc()
print(outer(), [i * i for i in range(5) if i % 2 == 0], {1, 2, 3} & {2, 3, 4})
print(tuple([1]), (), [1, [2, (3,)]], {'a': [1, 2]}, None, True, "it's")
