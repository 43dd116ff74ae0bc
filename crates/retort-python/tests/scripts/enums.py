from enum import Enum, auto
class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = auto()
    def describe(self):
        return f"{self.name} is {self.value}"
print(Color.RED, repr(Color.GREEN), Color['BLUE'], Color(2), len(Color), list(Color))
print([c.name for c in Color], Color.RED.describe(), Color.RED in Color, Color.RED == Color.RED, Color.RED is Color(1))
print(isinstance(Color.RED, Color), type(Color.RED).__name__, {Color.RED: 'r'})
try:
    Color(7)
except ValueError as e:
    print(e)
try:
    Color['PINK']
except KeyError as e:
    print(repr(e))
