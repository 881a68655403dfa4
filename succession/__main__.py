"""``python -m succession``."""

from .cli import main

main()
