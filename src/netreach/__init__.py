"""netreach: a command-line network explorer for job seekers."""

__version__ = "0.1.0"
