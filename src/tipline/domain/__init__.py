"""The nouns of tipline as plain typed objects. No I/O here."""
