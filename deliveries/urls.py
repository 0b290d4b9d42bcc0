from django.urls import path

from deliveries import views

urlpatterns = [
    path("deliveries/<int:pk>/resend/", views.delivery_resend, name="delivery_resend"),
]
