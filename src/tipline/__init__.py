"""tipline: a self-hostable tipline for hotlines and police cyber units fighting sextortion."""

__version__ = "0.1.0"
