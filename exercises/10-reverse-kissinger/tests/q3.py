from otter.test_files import test_case

OK_FORMAT = False

name = "q3"
points = 1

@test_case(points=0, hidden=False)
def test_answer_q3_is_one_letter(answer_q3):
    assert answer_q3 in ['A', 'B', 'C', 'D'], f'answer_q3 is {answer_q3!r}: it should be one capital letter in quotes, e.g. "A"'
    why_not = {'A': 'Same pollster, subject and question in both years: that pair compares like with like', 'B': 'Same pollster, subject and question in both months: that pair compares like with like', 'D': 'Same pollster, subject and question in both years: that pair compares like with like'}
    assert answer_q3 not in why_not, why_not.get(answer_q3, '')

