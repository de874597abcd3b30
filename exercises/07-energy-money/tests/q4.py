from otter.test_files import test_case

OK_FORMAT = False

name = "q4"
points = 1

@test_case(points=0, hidden=False)
def test_answer_is_one_letter(answer_q4):
    assert answer_q4 in ['A', 'B', 'C', 'D'], f'answer_q4 is {answer_q4!r}: it should be one capital letter in quotes, e.g. "A"'
    why_not = {'A': 'Read the basis of the two June 2024 rows: they measure different markets, and one was closed to dollars', 'B': 'moex measures currency trading, not export payments (that is the table payments)', 'D': 'Compare the 2024-05 and 2024-06 exchange rows: did the share fall?'}
    assert answer_q4 not in why_not, why_not.get(answer_q4, '')

