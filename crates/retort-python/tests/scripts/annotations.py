from __future__ import annotations
from typing import Optional, List

class Address:
    owner: Optional[User] = None

class User:
    id: int
    addresses: List[Address]

class Named:
    def __set_name__(self, owner, name):
        self.label = f"{owner.__name__}.{name}"

class Thing:
    field = Named()

print(Address.__annotations__, User.__annotations__, Thing.field.label)
