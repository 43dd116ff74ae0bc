from datetime import datetime, timedelta
from decimal import Decimal
from enum import Enum
import json


class Status(Enum):
    ACTIVE = "active"
    BANNED = "banned"


class Person:
    species = "human"

    def __init__(self, name, age, email=None):
        self.name = name
        self.age = age
        self.email = email

    def __repr__(self):
        return f"Person(name={self.name!r}, age={self.age})"

    def __str__(self):
        return f"{self.name} ({self.age})"

    def __eq__(self, other):
        return isinstance(other, Person) and self.name == other.name

    def __hash__(self):
        return hash(self.name)

    def __lt__(self, other):
        return self.age < other.age

    @property
    def is_adult(self):
        return self.age >= 18

    @classmethod
    def from_dict(cls, data):
        return cls(**data)


class Employee(Person):
    def __init__(self, name, age, salary, **kwargs):
        super().__init__(name, age, **kwargs)
        self.salary = Decimal(salary)
        self.status = Status.ACTIVE

    def __repr__(self):
        base = super().__repr__()
        return base[:-1] + f", salary={self.salary})"


people = [
    Person("Alice", 30, "alice@example.com"),
    Person.from_dict({"name": "Bob", "age": 17}),
    Employee("Carol", 45, "5200.50"),
    Employee("张三", 28, "4100.00", email="zs@example.cn"),
]
print(people)
for p in sorted(people):
    print(f"{p!s:<12}|{p.age:>4}|{'adult' if p.is_adult else 'minor':^9}|")
by_name = {p.name: p for p in people}
print(sorted(by_name), len(by_name), "Bob" in by_name)
ages = [p.age for p in people]
print(sum(ages), sum(ages) / len(ages), max(ages), min(ages), round(sum(ages) / 3, 2))
employees = [p for p in people if isinstance(p, Employee)]
payroll = sum((e.salary for e in employees), Decimal("0"))
print(payroll, repr(payroll), f"{payroll:,.2f}", employees[0].status, employees[0].status.value)
print({p.name for p in people if p.age > 20} == {"Alice", "Carol", "张三"})
counts = {}
for word in "the quick brown fox jumps over the lazy dog the end".split():
    counts[word] = counts.get(word, 0) + 1
print(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:3])
matrix = [[i * j for j in range(1, 4)] for i in range(1, 4)]
print(matrix, list(zip(*matrix)), [row[::-1] for row in matrix][0])
start = datetime(2024, 3, 1, 9, 0)
print(start + timedelta(hours=36), (start + timedelta(days=30)).strftime("%Y-%m-%d"), repr(start))
print(json.dumps({"people": [p.name for p in people], "total": float(payroll)}, ensure_ascii=False))
print("%-6s|%5.1f|%03d|%x" % ("ok", 2.25, 7, 255), "{:>8}".format("right"), "{0}-{1}-{0}".format("a", "b"))
text = "  Hello, World!  "
print(text.strip().lower().replace("world", "there"), text.split(","), "-".join(["a", "b", "c"]), text.strip()[::-1])
a, (b, c), *rest = 1, (2, 3), 4, 5
print(a, b, c, rest, 7 // 2, -7 // 2, 7 % -3, 2 ** 0.5, 10 / 3, 1e-05, 1.5e16, float("inf"))
print(any(p.age > 40 for p in people), all(p.name for p in people), list(enumerate("ab", 1)), list(map(str.upper, ["x", "y"])))
try:
    people[10]
except IndexError as error:
    print("IndexError:", error)
finally:
    print("done")
