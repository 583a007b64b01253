""".pdf → text from its text layer, with the two-column header and signature tables put back in order.

A PDF extractor reads a borderless two-column table row by row, so "ỦY BAN NHÂN DÂN" and "CỘNG HÒA XÃ
HỘI CHỦ NGHĨA VIỆT NAM" come out on one line. Words are grouped into visual rows; a run of rows split
by a wide gap at the same place is a table: its left column is written out, then its right column.
"""

import io
import logging
import statistics
from dataclasses import dataclass

from thidua.campaigns.reader.errors import ReaderError

NO_TEXT_LAYER = "tệp PDF không có lớp văn bản, cần bản có chữ hoặc .docx"
COLUMN_GAP = 30.0  # points; word spacing in justified text stays well below this


@dataclass
class Segment:
    x0: float
    x1: float
    text: str


@dataclass
class Row:
    top: float
    bottom: float
    words: list[dict]

    def segments(self) -> list[Segment]:
        words = sorted(self.words, key=lambda w: w["x0"])
        segments = [Segment(words[0]["x0"], words[0]["x1"], words[0]["text"])]
        for word in words[1:]:
            if word["x0"] - segments[-1].x1 > COLUMN_GAP:
                segments.append(Segment(word["x0"], word["x1"], word["text"]))
            else:
                segments[-1].x1 = word["x1"]
                segments[-1].text += " " + word["text"]
        return segments


def _rows(words: list[dict]) -> list[Row]:
    rows: list[Row] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        height = word["bottom"] - word["top"]
        if rows and word["top"] < rows[-1].bottom - height / 2:
            rows[-1].words.append(word)
            rows[-1].bottom = max(rows[-1].bottom, word["bottom"])
        else:
            rows.append(Row(word["top"], word["bottom"], [word]))
    return rows


def _side(segment: Segment, split: float) -> str | None:
    if segment.x1 <= split:
        return "left"
    if segment.x0 >= split:
        return "right"
    return None


def page_lines(words: list[dict]) -> list[str]:
    rows = _rows(words)
    if not rows:
        return []
    height = statistics.median(row.bottom - row.top for row in rows)
    lines: list[str] = []
    index = 0
    while index < len(rows):
        segments = rows[index].segments()
        if len(segments) != 2:
            lines.append(" ".join(s.text for s in segments))
            index += 1
            continue
        split = (segments[0].x1 + segments[1].x0) / 2
        columns = {"left": [segments[0].text], "right": [segments[1].text]}
        index += 1
        while index < len(rows) and rows[index].top - rows[index - 1].bottom < 1.5 * height:
            following = rows[index].segments()
            sides = [_side(s, split) for s in following]
            if None in sides or len(following) > 2 or len(set(sides)) != len(sides):
                break
            for segment, side in zip(following, sides, strict=True):
                columns[side].append(segment.text)  # type: ignore[index]
            index += 1
        lines += columns["left"] + columns["right"]
    return lines


def pdf_text(data: bytes) -> str:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    lines: list[str] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                lines += page_lines(page.extract_words())
                lines.append("")
    except PDFPasswordIncorrect as error:
        raise ReaderError(
            "encrypted_pdf", "Tệp PDF có mật khẩu, không đọc được; cần bản không khóa."
        ) from error
    except ReaderError:
        raise
    except Exception as error:  # pdfminer raises many unrelated types on damaged files
        raise ReaderError("corrupt_pdf", "Tệp .pdf bị hỏng, không đọc được nội dung.") from error
    text = "\n".join(lines)
    letters = sum(char.isalpha() for char in text)
    if letters < 20 or text.count("(cid:") * 20 > letters:
        raise ReaderError("pdf_no_text", NO_TEXT_LAYER)
    return text
