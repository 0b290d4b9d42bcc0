"""Requesting a page as one of the cast, for the view tests of every app."""


def page(client, user, url):
    """Sign in as `user`, get `url`, and return the response with its decoded body."""
    client.force_login(user)
    response = client.get(url)
    return response, response.content.decode()
