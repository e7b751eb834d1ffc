"""The given names the learned byline scorer knows (``textdump_byline.json``): the first
names of every locale of Faker's person provider (MIT; a test dependency, read only here,
when the scorer is trained or evaluated)."""

from __future__ import annotations

import importlib
import pkgutil


def given_names() -> frozenset[str]:
    """The first names of every locale of Faker's person provider, case folded."""
    from faker.providers import person

    names: set[str] = set()
    for module in sorted(m.name for m in pkgutil.iter_modules(person.__path__)):
        provider = importlib.import_module(f"{person.__name__}.{module}").Provider
        for attribute in ("first_names", "first_names_male", "first_names_female",
                          "first_names_nonbinary"):
            # (some locales make a property of a list, or weigh the names in a dict)
            value = next((k.__dict__[attribute] for k in provider.__mro__ if attribute in k.__dict__), None)
            if isinstance(value, dict | list | tuple):
                names.update(n.casefold() for n in value if isinstance(n, str) and n.strip())
    return frozenset(names)
