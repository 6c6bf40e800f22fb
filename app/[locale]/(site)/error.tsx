'use client';

export { default } from '@/app/_components/error-page';
