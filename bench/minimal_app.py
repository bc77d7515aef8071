"""The start-up floor: a minimal two-command Typer app.

``python bench/minimal_app.py --help`` costs Typer's own start-up (importing
Typer and Click, building the command group, printing help), which no Typer CLI
can beat. bench/run.py measures netreach's ``--help`` and ``--version`` against it.
"""

import typer

app = typer.Typer(add_completion=True, rich_markup_mode=None)


@app.command()
def hello(name: str) -> None:
    """Say hello."""
    typer.echo(f"hello {name}")


@app.command()
def bye(name: str, formal: bool = False) -> None:
    """Say goodbye."""
    typer.echo(f"{'Goodbye' if formal else 'bye'} {name}")


if __name__ == "__main__":
    app()
