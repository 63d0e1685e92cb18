"""One plug-in per identifier kind (see DESIGN.md, "identifier kinds").

Each module exposes ``KIND`` (its canonical name) and ``normalise(value, hint) -> Identifier |
None``: validate a value a reporter typed and return its canonical form, or None when it is not
a valid identifier of that kind. ``registry.normalise_form_identifier`` routes a form's typed
identifier to the right plug-in.
"""
