"""The brat scorer's summary shows counts beside the rounded shares."""

from workers.core.claims.brat import BratScores


def test_summary_gives_the_speaker_count_a_rounded_share_would_hide() -> None:
    scores = BratScores(predicted=10, gold=10, found=9, speaker_scored=953, speaker_ok=905)
    summary = scores.summary()
    assert summary["speaker_accuracy"] == 0.95  # 0.9496 rounded: reads as the target met
    assert (summary["speaker_right"], summary["speaker_scored"]) == (905, 953)
