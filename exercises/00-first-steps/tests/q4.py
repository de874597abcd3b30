from otter.test_files import test_case

OK_FORMAT = False

name = "q4"
points = 1

@test_case(points=0, hidden=False)
def test_answer_q4_is_one_letter(answer_q4):
    assert answer_q4 in ['A', 'B', 'C', 'D'], f'answer_q4 is {answer_q4!r}: it should be one capital letter in quotes, e.g. "A"'
    why_not = {'A': 'Compare your two answers to question 2: the simple average and the compound rate differ', 'C': 'A percentage change is measured against the starting value, here 2014', 'D': 'Count the steps: 2014 to 2015 is one year of growth, and 2014 to 2024 has as many steps as 2024 - 2014'}
    assert answer_q4 not in why_not, why_not.get(answer_q4, '')

