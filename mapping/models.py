"""Maps hold no data of their own: they read the register and the applications."""
