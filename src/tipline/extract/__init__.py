"""Reading reports: scammers' identifiers, money and signals, as pure functions."""
