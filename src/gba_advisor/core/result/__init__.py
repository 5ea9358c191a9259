"""What the advisor reports: the immutable result model and the JSON shape it serialises to."""
