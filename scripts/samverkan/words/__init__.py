"""The Swedish words of the site, in one catalogue split by audience:
editors.py for editors and IT staff, readers.py for readers."""

from .editors import MESSAGES


def msg(name: str, /, **values: object) -> str:
    """One message for editors from the catalogue, filled in."""
    return MESSAGES[name].format(**values)


def lista(items, conjunction: str = "och") -> str:
    """Items joined the Swedish way: "A, B och C" (or "A, B eller C")."""
    items = [str(i) for i in items]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {conjunction} " + items[-1]
