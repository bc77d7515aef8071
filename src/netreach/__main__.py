"""Allow ``python -m netreach``."""

from netreach.cli import main

if __name__ == "__main__":
    main()
