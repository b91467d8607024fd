from marsad.pipeline import build_pipeline


def test_sentences_end_at_stops_question_marks_and_line_breaks():
    nlp = build_pipeline(["marsad_sentences"])
    doc = nlp("قصفت الطائرات البلدة. هل انسحبت القوات؟ نعم\nعنوان بلا نقطة\nوقال المسؤول: «انتهى..» ثم غادر.")
    sents = [s.text.strip() for s in doc.sents]
    assert sents[0] == "قصفت الطائرات البلدة."
    assert sents[1] == "هل انسحبت القوات؟"
    assert "عنوان بلا نقطة" in sents
    assert len(sents) >= 5
