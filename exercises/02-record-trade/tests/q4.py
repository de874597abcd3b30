from otter.test_files import test_case

OK_FORMAT = False

name = "q4"
points = 1

@test_case(points=0, hidden=False)
def test_answer_is_one_letter(answer_q4):
    assert answer_q4 in ['A', 'B', 'C', 'D'], f'answer_q4 is {answer_q4!r}: it should be one capital letter in quotes, e.g. "A"'
    why_not = {'A': 'The balance is true of 2023, but the chapter says a balance tells nothing about what is traded', 'B': 'The tables in chapter 2 say nothing about who is paid in which currency (that is chapter 7)', 'D': 'Growth rates compare years; the unequal exchange is about what each side sells (trade_composition)'}
    assert answer_q4 not in why_not, why_not.get(answer_q4, '')

