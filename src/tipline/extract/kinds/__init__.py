"""One plug-in per identifier kind (see DESIGN.md, "identifier kinds").

Each module exposes ``KIND`` (its canonical name) and:

* ``normalise(value, hint) -> Identifier | None``: validate a value a reporter typed and return its
  canonical form, or None when it is not a valid identifier of that kind.
  ``registry.normalise_form_identifier`` routes a form's typed identifier to the right plug-in.
* ``find(text, context) -> Iterable[Mention]``: the mentions of that kind in free text, with their
  spans and a rank that settles overlaps (``extract.text`` runs every finder; ``context`` carries
  the reporter's country, the language, the folded text and the places named).

``links`` is not a kind: it says what a web address stands for (a profile, a phone via wa.me, a
PayPal link, or a plain URL) for the URL finder.
"""
