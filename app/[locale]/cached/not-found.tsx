export { default } from '@/app/[locale]/(site)/not-found';
