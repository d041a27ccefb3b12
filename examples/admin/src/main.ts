// The whole console is one element; registering the admin elements is all the app does.
import '@sayso/admin/sayso-admin';
