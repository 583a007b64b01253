"""The one exception the reader raises for input it cannot read at all."""


class ReaderError(Exception):
    """Unreadable input: corrupt, empty, too large, unknown format, legacy encoding, scanned PDF.

    ``code`` is a stable machine code (e.g. ``"pdf_no_text"``); ``message_vi`` is the Vietnamese
    sentence shown to the user.
    """

    def __init__(self, code: str, message_vi: str) -> None:
        super().__init__(f"{code}: {message_vi}")
        self.code = code
        self.message_vi = message_vi

    def as_dict(self) -> dict:
        return {"error": {"code": self.code, "message": self.message_vi}}
