"""Golden values for Galen.Evaluation's Bleu and RougeL (tests/Galen.Evaluation.Tests/Metrics/TextGenerationMetricTests.cs).

BLEU: NLTK's corpus_bleu (Debian python3-nltk 3.8; default weights (0.25, 0.25, 0.25, 0.25), no smoothing).
ROUGE-L: rouge-score is not packaged in Debian, so the LCS-based F1 (beta = 1, as rouge-score's
'rougeL' fmeasure) is computed here by an independent dynamic programme; the first case is also
worked by hand in the test's comment.

Run: /usr/bin/python3 bench/peers/bleu_rouge_golden.py
"""
from nltk.translate.bleu_score import corpus_bleu, sentence_bleu, brevity_penalty, closest_ref_length


def lcs(a, b):
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            table[i][j] = table[i - 1][j - 1] + 1 if a[i - 1] == b[j - 1] else max(table[i - 1][j], table[i][j - 1])
    return table[-1][-1]


def rouge_l(hyp, ref):
    c = lcs(hyp, ref)
    if c == 0:
        return 0.0, 0.0, 0.0
    p, r = c / len(hyp), c / len(ref)
    return p, r, 2 * p * r / (p + r)


t = str.split
cases = {
    # One hypothesis, one reference.
    "single": ([t("the patient should weigh himself every morning .")],
               [[t("the patient should weigh himself every single morning .")]]),
    # NLTK's documentation example (two hypotheses, several references; the shorter reference is closest for the second).
    "nltk_doc": ([t("It is a guide to action which ensures that the military always obeys the commands of the party"),
                  t("he read the book because he was interested in world history")],
                 [[t("It is a guide to action that ensures that the military will forever heed Party commands"),
                   t("It is the guiding principle which guarantees the military forces always being under the command of the Party"),
                   t("It is the practical guide for the army always to heed the directions of the party")],
                  [t("he was interested in world history because he read the book")]]),
    # Hypotheses shorter than their references: brevity penalty below 1.
    "short": ([t("start apixaban 5 mg twice a day ."), t("come back if you have a fever .")],
              [[t("start apixaban 5 mg twice a day with food .")], [t("come back if you have a fever or chills .")]]),
}

for name, (hyps, refs) in cases.items():
    score = corpus_bleu(refs, hyps)
    hyp_len = sum(len(h) for h in hyps)
    ref_len = sum(closest_ref_length(r, len(h)) for h, r in zip(hyps, refs))
    bp = brevity_penalty(ref_len, hyp_len)
    print(f"{name}: BLEU {score:.12f}  BP {bp:.12f}  c {hyp_len}  r {ref_len}")

for hyp, ref in [
    (t("the patient should weigh himself every morning ."), t("the patient should weigh himself every single morning .")),
    (t("police killed the gunman"), t("the gunman was shot by police")),
    (t("start aspirin daily"), t("stop smoking")),
]:
    p, r, f = rouge_l(hyp, ref)
    print(f"ROUGE-L {' '.join(hyp)!r} vs {' '.join(ref)!r}: P {p:.12f} R {r:.12f} F {f:.12f}")
