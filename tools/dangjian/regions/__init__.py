"""Places: the gazetteer, where each piece is located, and the generated region pages."""
