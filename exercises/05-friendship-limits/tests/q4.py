from otter.test_files import test_case

OK_FORMAT = False

name = "q4"
points = 1

@test_case(points=0, hidden=False)
def test_answer_q4_is_one_letter(answer_q4):
    assert answer_q4 in ['A', 'B', 'C', 'D'], f'answer_q4 is {answer_q4!r}: it should be one capital letter in quotes, e.g. "A"'
    why_not = {'A': 'A share is a ratio of two values in the same currency: the currency cancels out', 'B': 'A share is a part divided by a total: the part is shared, but is the total?', 'D': 'The asymmetry is in the shares, not in the amounts each side records'}
    assert answer_q4 not in why_not, why_not.get(answer_q4, '')

