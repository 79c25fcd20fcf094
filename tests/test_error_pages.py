"""Issue 17, errors in Vietnamese: 403, 404, 500 and a failed CSRF check each say what happened in
plain words and offer "Về trang chủ" and "Quay lại" (DEBUG is off in the test settings)."""

from django.conf import settings
from django.test import Client, RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

WAY_BACK = ("Về trang chủ", "Quay lại", "data-back")


def _assert_way_back(html):
    for text in WAY_BACK:
        assert text in html
    assert 'lang="vi"' in html


def test_the_suite_runs_with_debug_off():
    assert settings.DEBUG is False


def test_a_page_that_does_not_exist_gets_the_vietnamese_404(world, login):
    response = login(world.officer).get("/khong-co-trang-nay/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Không tìm thấy trang" in html and "Not Found" not in html
    _assert_way_back(html)


def test_a_refused_action_gets_the_vietnamese_403_not_the_bare_forbidden(world, login):
    response = login(world.principal).get(reverse("units:tree"))
    html = response.content.decode()
    assert response.status_code == 403
    assert "Bạn không có quyền làm việc này" in html
    assert "Forbidden" not in html
    _assert_way_back(html)


def test_the_500_page_needs_neither_a_request_context_nor_the_database():
    # No db fixture: any query would raise "Database access not allowed".
    response = server_error(RequestFactory().get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "Hệ thống gặp lỗi" in html and "Server Error" not in html
    _assert_way_back(html)


def test_a_form_sent_from_a_stale_page_gets_the_vietnamese_csrf_page(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.officer)
    response = client.post(reverse("password_change"), {"old_password": "x"})
    html = response.content.decode()
    assert response.status_code == 403
    assert "Trang đã mở quá lâu" in html and "CSRF" not in html
    _assert_way_back(html)
