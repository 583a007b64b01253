"""Demo data of this app (called by `thidua demo`); safe to run again."""


def build(actor) -> None:
    return None
