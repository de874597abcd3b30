from otter.test_files import test_case

OK_FORMAT = False

name = "q4"
points = 1

@test_case(points=0, hidden=False)
def test_answer_is_one_letter(answer_q4):
    assert answer_q4 in ['A', 'B', 'C', 'D'], f'answer_q4 is {answer_q4!r}: it should be one capital letter in quotes, e.g. "A"'
    why_not = {'B': 'Put the 2023 and 2024 rates side by side: is 2024 close to 2023?', 'C': 'A fall is a negative rate: are the 2024 rates below zero?', 'D': 'Read the dollar rates of trade_usd for 2023 and 2024: which is larger?'}
    assert answer_q4 not in why_not, why_not.get(answer_q4, '')

