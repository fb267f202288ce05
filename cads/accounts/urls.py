from django.urls import path

from cads.accounts import views, views_home

app_name = "accounts"

urlpatterns = [
    path("", views_home.home, name="home"),
    path("sign-in/", views.sign_in, name="sign-in"),
    path("sign-in/two-factor/", views.two_factor, name="two-factor"),
    path("sign-in/two-factor/set-up/", views.two_factor_set_up, name="two-factor-set-up"),
    path("sign-out/", views.sign_out, name="sign-out"),
]

session_urlpatterns = [
    path("remaining/", views.session_remaining, name="session-remaining"),
    path("keep-alive/", views.session_keep_alive, name="session-keep-alive"),
]
