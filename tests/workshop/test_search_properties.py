"""Whatever a user types into the children search, the page answers and stays in scope."""

from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from tests.conftest import make_cast


class ChildrenSearchProperties(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.cast = make_cast()

    @settings(max_examples=60, deadline=None)
    @given(text=st.text(max_size=150), group=st.one_of(st.none(), st.text(max_size=12)))
    def test_any_input_answers_and_never_leaves_the_mentors_groups(self, text, group):
        self.client.force_login(self.cast.mentor_a)
        query = {"q": text} if group is None else {"q": text, "group": group}
        response = self.client.get(reverse("children", args=["summer"]), query)
        assert response.status_code == 200
        found = {child for child, _ in response.context["rows"]}
        assert found <= {self.cast.child_a1, self.cast.child_a2}
        if not response.context["form"].is_valid():
            assert found == set()
        elif not text.split() and not group:
            assert found == {self.cast.child_a1, self.cast.child_a2}
