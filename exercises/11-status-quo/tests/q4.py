from otter.test_files import test_case

OK_FORMAT = False

name = "q4"
points = 1

@test_case(points=0, hidden=False)
def test_answer_q4_is_one_letter(answer_q4):
    assert answer_q4 in ['A', 'B', 'C', 'D'], f'answer_q4 is {answer_q4!r}: it should be one capital letter in quotes, e.g. "A"'
    why_not = {'A': 'Look at your use_2025_pct: did gas deliveries fall in 2025?', 'C': 'A value in dollars and a volume in bcm measure different things: both can be right', 'D': 'A trade table records values, not decisions: it cannot show a motive'}
    assert answer_q4 not in why_not, why_not.get(answer_q4, '')

