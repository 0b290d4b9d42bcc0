from django.urls import path

from deliveries import views

urlpatterns = [
    path("deliveries/<int:pk>/resend/", views.delivery_resend, name="delivery_resend"),
    path("deliveries/confirm/<str:token>/", views.delivery_confirm, name="delivery_confirm"),
    path(
        "workshops/<slug:slug>/days/<int:number>/call-sheet/deliveries/",
        views.call_sheet_deliveries,
        name="call_sheet_deliveries",
    ),
    path(
        "workshops/<slug:slug>/days/<int:number>/call-sheet/send/",
        views.call_sheet_send,
        name="call_sheet_send",
    ),
]
