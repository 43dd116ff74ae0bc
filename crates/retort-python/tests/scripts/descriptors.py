class Positive:
    def __set_name__(self, owner, name):
        self.name = name
    def __get__(self, obj, owner):
        if obj is None:
            return self
        return obj.__dict__.get("_v", 0)
    def __set__(self, obj, value):
        if value < 0:
            raise ValueError("negative")
        obj.__dict__["_v"] = value

class Lazy:
    def __get__(self, obj, owner):
        return "computed" if obj is not None else "on class"

class Item:
    qty = Positive()
    info = Lazy()

i = Item()
print(i.qty, Item.info, i.info)
i.qty = 5
print(i.qty)
try:
    i.qty = -1
except ValueError as e:
    print(e)
